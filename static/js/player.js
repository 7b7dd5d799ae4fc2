/*
 * The guided session player: live countdown, chime and vibration at each change, screen kept
 * awake, keyboard shortcuts. The server owns the session; htmx asks it to move on when a
 * phase's time is up. This script only shows time passing between those answers.
 */
(function () {
  "use strict";

  var root = document.getElementById("player");
  if (!root) {
    return;
  }
  var announcer = document.getElementById("player-announce");
  var soundButton = document.getElementById("player-sound-enable");
  var soundOn = root.dataset.sound === "on";
  var ticker = null;
  var audio = null;
  var wakeLock = null;
  var seen = null;
  var retry = null;

  function clock(ms) {
    var total = Math.max(0, Math.ceil(ms / 1000));
    var hours = Math.floor(total / 3600);
    var minutes = Math.floor((total % 3600) / 60);
    var seconds = total % 60;
    var pad = function (n) { return (n < 10 ? "0" : "") + n; };
    return hours ? hours + ":" + pad(minutes) + ":" + pad(seconds) : minutes + ":" + pad(seconds);
  }

  function state() {
    return root.querySelector("[data-state]");
  }

  // Countdown: from the remaining time the server gave at render, measured with the monotonic
  // clock, so a wrong clock on the device does not matter.
  function startCountdown() {
    window.clearInterval(ticker);
    var countdown = root.querySelector(".countdown[data-remaining-ms]");
    if (!countdown) {
      return;
    }
    var remaining = parseInt(countdown.dataset.remainingMs, 10) || 0;
    var running = countdown.dataset.running === "true";
    var progress = root.querySelector("progress[data-done-ms]");
    var doneAtRender = progress ? parseInt(progress.dataset.doneMs, 10) || 0 : 0;
    var renderedAt = performance.now();
    function tick() {
      var elapsed = running ? performance.now() - renderedAt : 0;
      var left = Math.max(0, remaining - elapsed);
      var text = clock(left);
      if (countdown.textContent !== text) {
        countdown.textContent = text;
      }
      if (progress) {
        progress.value = Math.min(progress.max, doneAtRender + Math.min(elapsed, remaining));
      }
      if (left <= 0) {
        window.clearInterval(ticker);
      }
    }
    tick();
    if (running) {
      ticker = window.setInterval(tick, 250);
    }
  }

  // Sound: a short two-note chime made with an oscillator, no audio file.
  function audioContext() {
    if (!audio) {
      var Context = window.AudioContext || window.webkitAudioContext;
      if (!Context) {
        return null;
      }
      audio = new Context();
    }
    return audio;
  }

  function note(context, frequency, start, length) {
    var oscillator = context.createOscillator();
    var gain = context.createGain();
    oscillator.type = "sine";
    oscillator.frequency.value = frequency;
    gain.gain.setValueAtTime(0.0001, start);
    gain.gain.exponentialRampToValueAtTime(0.25, start + 0.02);
    gain.gain.exponentialRampToValueAtTime(0.0001, start + length);
    oscillator.connect(gain);
    gain.connect(context.destination);
    oscillator.start(start);
    oscillator.stop(start + length + 0.05);
  }

  function chime(kind) {
    if (!soundOn) {
      return;
    }
    if (navigator.vibrate) {
      try { navigator.vibrate(200); } catch (e) { /* not allowed yet */ }
    }
    var context = audioContext();
    if (!context || context.state !== "running") {
      return;
    }
    var t = context.currentTime + 0.01;
    var notes = { ready: [523.25, 659.25], press: [659.25, 880], complete: [523.25, 659.25, 783.99, 1046.5] }[kind] || [659.25, 880];
    notes.forEach(function (frequency, i) { note(context, frequency, t + i * 0.16, 0.45); });
  }

  // Browsers start audio only after a tap or key press on the page.
  function unlockAudio() {
    var context = soundOn ? audioContext() : null;
    if (context && context.state === "suspended") {
      return context.resume().then(showSoundButton, showSoundButton);
    }
    showSoundButton();
    return Promise.resolve();
  }

  function showSoundButton() {
    if (!soundButton) {
      return;
    }
    var suspended = soundOn && (!audio || audio.state !== "running");
    soundButton.hidden = !suspended;
  }

  // Keep the screen on while a session runs; the lock is dropped when the page is hidden.
  function keepAwake() {
    var current = state();
    var wanted = current && (current.dataset.state === "running" || current.dataset.state === "paused");
    if (!wanted) {
      if (wakeLock) {
        wakeLock.release().catch(function () {});
        wakeLock = null;
      }
      return;
    }
    if (wakeLock || !("wakeLock" in navigator) || document.visibilityState !== "visible") {
      return;
    }
    navigator.wakeLock.request("screen").then(function (lock) {
      wakeLock = lock;
      lock.addEventListener("release", function () { wakeLock = null; });
    }).catch(function () { wakeLock = null; });
  }

  function refresh() {
    if (window.htmx && root.dataset.url) {
      window.htmx.ajax("GET", root.dataset.url, { target: "#player", swap: "innerHTML" });
    }
  }

  // After each swap: restart the countdown, and at a new phase chime and announce it.
  function update(initial) {
    var current = state();
    if (!current) {
      return;
    }
    var key = current.dataset.index + ":" + current.dataset.state;
    if (!initial && key !== seen) {
      var indexChanged = !seen || seen.split(":")[0] !== current.dataset.index;
      if (announcer) {
        announcer.textContent = current.dataset.announce || "";
      }
      if (indexChanged) {
        var kind = current.dataset.state === "complete" ? "complete"
          : current.classList.contains("player-state-ready") ? "ready" : "press";
        chime(kind);
      }
    }
    seen = key;
    startCountdown();
    keepAwake();
  }

  // Keyboard: Space pauses or resumes, the arrows go back and skip.
  function submit(key) {
    var form = root.querySelector('form[data-key="' + key + '"]');
    if (!form) {
      return false;
    }
    if (form.requestSubmit) {
      form.requestSubmit();
    } else if (window.htmx) {
      window.htmx.trigger(form, "submit");
    }
    return true;
  }

  document.addEventListener("keydown", function (event) {
    if (event.defaultPrevented || event.altKey || event.ctrlKey || event.metaKey || event.shiftKey) {
      return;
    }
    var target = event.target;
    var tag = target && target.tagName;
    if (tag === "INPUT" || tag === "TEXTAREA" || tag === "SELECT" || (target && target.isContentEditable)) {
      return;
    }
    var key = null;
    if (event.key === " " || event.key === "Spacebar") {
      // A focused button or link answers Space itself.
      if (tag === "BUTTON" || tag === "A" || tag === "SUMMARY") {
        return;
      }
      key = "toggle";
    } else if (event.key === "ArrowRight") {
      key = "skip";
    } else if (event.key === "ArrowLeft") {
      key = "back";
    }
    if (key && submit(key)) {
      event.preventDefault();
    }
  });

  // Keep keyboard focus on the same control when htmx replaces it.
  var focusKey = null;
  document.body.addEventListener("htmx:beforeSwap", function (event) {
    if (event.detail.target !== root) {
      return;
    }
    var active = document.activeElement;
    var holder = active && root.contains(active) ? active.closest("[data-key]") : null;
    focusKey = holder ? holder.dataset.key : null;
  });
  document.body.addEventListener("htmx:afterSwap", function (event) {
    if (event.detail.target !== root) {
      return;
    }
    window.clearTimeout(retry);
    update(false);
    if (focusKey) {
      var next = root.querySelector('[data-key="' + focusKey + '"] button');
      if (next) {
        next.focus();
      }
      focusKey = null;
    }
  });

  // A lost connection: ask again for the current step in a few seconds.
  function scheduleRetry(event) {
    var from = event.detail && event.detail.elt;
    if (from && from !== root && !root.contains(from)) {
      return;
    }
    window.clearTimeout(retry);
    retry = window.setTimeout(refresh, 3000);
  }
  document.body.addEventListener("htmx:sendError", scheduleRetry);
  document.body.addEventListener("htmx:responseError", scheduleRetry);

  document.addEventListener("visibilitychange", function () {
    if (document.visibilityState === "visible") {
      // Timers sleep in a hidden tab: fetch the step as it is now.
      refresh();
      keepAwake();
    }
  });

  document.addEventListener("pointerdown", unlockAudio, { passive: true });
  document.addEventListener("keydown", unlockAudio);
  if (soundButton) {
    soundButton.addEventListener("click", function () {
      unlockAudio().then(function () { chime("press"); });
    });
  }
  if (soundOn) {
    // Created now so that the button can tell whether the browser lets it play yet.
    audioContext();
    showSoundButton();
  }

  update(true);
})();
