/*
 * The guided session player.
 *
 * The server owns the session: htmx asks it to move on when a phase's time is up, and every
 * answer replaces the step on screen. Between answers this script shows the countdown, speaks
 * the prompts (Web Speech API), plays a distinct sound for each kind of change (WebAudio, no
 * files), vibrates, keeps the screen awake and answers the keyboard.
 *
 * When the connection goes, the phone carries the session on by itself from the phases the
 * page holds (#player-session): countdown, prompts and moving on, with a quiet "offline" note.
 * When it is back (the `online` event, and retries that wait longer each time) it asks the
 * server to catch up; the server applies every advance that fell due meanwhile from its
 * deadline, and the screen shows the server's answer.
 */
(function () {
  "use strict";

  var root = document.getElementById("player");
  if (!root) {
    return;
  }
  var session = readSession();
  var phases = session ? session.phases : [];
  var cues = session ? session.cues : [];
  var wants = {
    voice: root.dataset.voice === "on",
    chime: root.dataset.chime === "on",
    vibrate: root.dataset.vibrate === "on"
  };
  var canSpeak = "speechSynthesis" in window && typeof window.SpeechSynthesisUtterance === "function";
  var announcer = document.getElementById("player-announce");
  var offlineNote = document.getElementById("player-offline");
  var overlay = document.getElementById("player-sound-overlay");

  // What the phone believes: the server's last answer, carried on by the phone's own clock.
  var model = { index: 0, state: "running", deadline: 0, remaining: 0 };
  var seen = null; // "index:state" of the last change announced
  var warned = -1; // the phase whose "ten seconds left" has been said
  var offline = false;
  var retryDelay = 1000;
  var retryTimer = null;
  var ticker = null;
  var audio = null;
  var unlocked = false;
  var wakeLock = null;
  // Since when the page has been in sight: a phone that slept through a deadline is not a
  // lost connection (the server then gives the next point its whole time, as ever).
  var visibleSince = Date.now();

  function readSession() {
    var holder = document.getElementById("player-session");
    if (!holder) {
      return null;
    }
    try {
      return JSON.parse(holder.textContent);
    } catch (error) {
      return null;
    }
  }

  function clock(ms) {
    var total = Math.max(0, Math.ceil(ms / 1000));
    var hours = Math.floor(total / 3600);
    var minutes = Math.floor((total % 3600) / 60);
    var seconds = total % 60;
    var pad = function (n) { return (n < 10 ? "0" : "") + n; };
    return hours ? hours + ":" + pad(minutes) + ":" + pad(seconds) : minutes + ":" + pad(seconds);
  }

  function stateElement() {
    return root.querySelector("[data-state]");
  }

  function leftNow() {
    if (model.state === "running") {
      return model.deadline - Date.now();
    }
    return model.remaining;
  }

  // The server's answer -> the model ------------------------------------------------------

  // The phone's clock minus the server's, as small as it has been seen: each answer includes
  // the time it took to arrive, so the smallest is the closest to the clocks' real difference.
  // Deadlines are then the server's own, in the phone's time, and do not slip by the delay.
  var offset = null;

  function arrivalOfThisPage() {
    var navigation = performance.getEntriesByType && performance.getEntriesByType("navigation")[0];
    if (navigation && navigation.responseStart > 0 && performance.timeOrigin) {
      return performance.timeOrigin + navigation.responseStart;
    }
    return Date.now();
  }

  function readModel(arrivedAt) {
    var current = stateElement();
    if (!current) {
      return;
    }
    var serverNow = parseInt(current.dataset.nowMs, 10);
    if (serverNow) {
      var seen = (arrivedAt || Date.now()) - serverNow;
      if (offset === null || seen < offset) {
        offset = seen;
      }
    }
    var countdown = root.querySelector(".countdown[data-remaining-ms]");
    var remaining = countdown ? parseInt(countdown.dataset.remainingMs, 10) || 0 : 0;
    var serverDeadline = countdown ? parseInt(countdown.dataset.deadlineMs, 10) : NaN;
    model.index = parseInt(current.dataset.index, 10) || 0;
    model.state = current.dataset.state;
    if (model.state === "complete") {
      model.index = phases.length;
    }
    model.remaining = remaining;
    model.deadline = serverDeadline && offset !== null ? serverDeadline + offset : Date.now() + remaining;
  }

  // Sound, voice and vibration --------------------------------------------------------------

  function audioContext() {
    if (!audio) {
      var Context = window.AudioContext || window.webkitAudioContext;
      if (!Context) {
        return null;
      }
      try {
        audio = new Context();
      } catch (error) {
        return null;
      }
    }
    return audio;
  }

  function note(context, frequency, start, length, type) {
    var oscillator = context.createOscillator();
    var gain = context.createGain();
    oscillator.type = type || "sine";
    oscillator.frequency.value = frequency;
    gain.gain.setValueAtTime(0.0001, start);
    gain.gain.exponentialRampToValueAtTime(0.25, start + 0.02);
    gain.gain.exponentialRampToValueAtTime(0.0001, start + length);
    oscillator.connect(gain);
    gain.connect(context.destination);
    oscillator.start(start);
    oscillator.stop(start + length + 0.05);
  }

  // Each change has a sound of its own, so that face-down on the floor one can tell them apart.
  var SOUNDS = {
    next: { notes: [523.25, 783.99], gap: 0.18, length: 0.5, type: "sine" },       // rising fifth
    press: { notes: [880], gap: 0, length: 0.35, type: "sine" },                   // one high ping
    side: { notes: [659.25, 659.25], gap: 0.22, length: 0.18, type: "triangle" }, // knock-knock
    end: { notes: [523.25, 659.25, 783.99, 1046.5], gap: 0.16, length: 0.6, type: "sine" }
  };
  var BUZZ = { next: [200], press: [120], side: [90, 80, 90], end: [300, 120, 300] };

  function play(kind) {
    var sound = SOUNDS[kind];
    var context = wants.chime && sound ? audioContext() : null;
    if (!context || context.state !== "running") {
      return;
    }
    var t = context.currentTime + 0.01;
    sound.notes.forEach(function (frequency, i) {
      note(context, frequency, t + i * sound.gap, sound.length, sound.type);
    });
  }

  function buzz(kind) {
    if (wants.vibrate && navigator.vibrate && BUZZ[kind]) {
      try { navigator.vibrate(BUZZ[kind]); } catch (error) { /* not allowed yet */ }
    }
  }

  function say(lines, interrupt) {
    if (!wants.voice || !canSpeak) {
      return;
    }
    try {
      if (interrupt) {
        window.speechSynthesis.cancel();
      }
      lines.forEach(function (line) {
        var utterance = new window.SpeechSynthesisUtterance(line);
        utterance.lang = "en-GB";
        window.speechSynthesis.speak(utterance);
      });
    } catch (error) {
      // No voice on this device: the sounds and the text carry the session.
    }
  }

  function cueFor(index) {
    var cue = cues[index];
    if (!cue) {
      return;
    }
    play(cue.sound);
    buzz(cue.sound);
    say(cue.say, true);
  }

  // Browsers let a page make sound only after a tap on it. "Start the session" is that tap;
  // after a reload the page asks for one, anywhere on the screen.
  function soundWanted() {
    return wants.chime || (wants.voice && canSpeak);
  }

  function hasBeenTapped() {
    var activation = navigator.userActivation;
    if (activation) {
      return activation.hasBeenActive;
    }
    var context = wants.chime ? audioContext() : null;
    return Boolean(context && context.state === "running");
  }

  function unlock() {
    unlocked = true;
    if (overlay) {
      overlay.hidden = true;
    }
    var context = wants.chime ? audioContext() : null;
    if (context && context.state === "suspended") {
      context.resume().catch(function () {});
    }
    if (wants.voice && canSpeak) {
      try {
        // A silent word inside the tap is what unlocks speech on some phones.
        var primer = new window.SpeechSynthesisUtterance(" ");
        primer.volume = 0;
        window.speechSynthesis.speak(primer);
      } catch (error) { /* no voice */ }
    }
  }

  function offerSound() {
    var inSession = model.state === "running" || model.state === "paused";
    if (overlay) {
      overlay.hidden = unlocked || !inSession || !soundWanted();
    }
  }

  // Showing a phase the server has not sent (while offline) ------------------------------

  function setText(selector, text) {
    var element = root.querySelector(selector);
    if (element) {
      element.textContent = text;
    }
  }

  function paragraph(className, lead, text) {
    var element = document.createElement("p");
    if (className) {
      element.className = className;
    }
    if (lead) {
      var strong = document.createElement("strong");
      strong.textContent = lead;
      element.appendChild(strong);
      element.appendChild(document.createTextNode(" "));
    }
    element.appendChild(document.createTextNode(text));
    return element;
  }

  // The pregnancy warning of the point now held, as the server renders it: the page holds one
  // (a <template>) for each point traditionally avoided in pregnancy, only for someone who
  // said they are pregnant.
  function showPregnancy(phase) {
    var box = root.querySelector(".player-pregnancy");
    if (box && phase.pregnancy && box.dataset.code === phase.code) {
      return;
    }
    if (box) {
      box.remove();
    }
    var source = phase.pregnancy ? document.querySelector('template.player-pregnancy-template[data-code="' + CSS.escape(phase.code) + '"]') : null;
    var timer = root.querySelector(".player-timer");
    if (source && timer) {
      // A new alert rather than the old one changed, so that screen readers say it.
      timer.after(source.content.cloneNode(true));
    }
  }

  // How to find and press another point, from the page's phases; its diagram and the rest of
  // the steps come with the server's answer.
  function showDetail(detail, phase) {
    detail.textContent = "";
    var title = document.createElement("h2");
    title.id = "player-find-heading";
    title.textContent = "How to find " + phase.code;
    detail.appendChild(title);
    if (phase.findFirst) {
      var steps = document.createElement("ol");
      steps.className = "steps";
      var first = document.createElement("li");
      first.textContent = phase.findFirst;
      steps.appendChild(first);
      detail.appendChild(steps);
    }
    detail.appendChild(paragraph("muted small", "", "The drawing and the other steps come back with the connection."));
    if (phase.pressureAdvice) {
      var press = document.createElement("h2");
      press.textContent = "How to press";
      detail.appendChild(press);
      detail.appendChild(paragraph("player-pressure", "Pressure:", phase.pressureAdvice));
    }
    if (phase.cautions) {
      detail.appendChild(paragraph("alert alert-warn", "", phase.cautions));
    }
    detail.dataset.code = phase.code;
  }

  function showLocally(index) {
    var current = stateElement();
    if (!current) {
      return;
    }
    current.dataset.index = String(index);
    if (index >= phases.length) {
      current.dataset.state = "complete";
      current.className = "player-state player-state-complete";
      var grid = root.querySelector(".player-grid");
      if (grid) {
        grid.textContent = "";
        var done = document.createElement("section");
        done.className = "card player-done player-complete";
        var heading = document.createElement("h1");
        heading.textContent = "Session complete";
        var text = document.createElement("p");
        text.className = "lead";
        text.textContent = "Well done. Your score can be recorded as soon as the connection is back.";
        done.appendChild(heading);
        done.appendChild(text);
        grid.appendChild(done);
      }
      return;
    }
    var phase = phases[index];
    var ready = phase.kind === "ready";
    current.className = "player-state player-state-" + (ready ? "ready" : "press");
    var meta = root.querySelectorAll(".player-meta span");
    if (meta[0]) {
      meta[0].textContent = "Point " + phase.step + " of " + phase.steps;
    }
    if (meta[1]) {
      meta[1].textContent = phase.repetitions > 1 ? "Round " + phase.repetition + " of " + phase.repetitions : "";
    }
    var label = root.querySelector(".player-phase-label");
    if (label) {
      label.className = "player-phase-label " + (ready ? "player-phase-ready" : "player-phase-press");
      label.textContent = ready ? "Get ready" : "Press and hold";
    }
    var heading = root.querySelector(".player-point");
    if (heading) {
      heading.textContent = "";
      var code = document.createElement("span");
      code.className = "badge badge-code player-code";
      code.textContent = phase.code;
      var name = document.createElement("span");
      name.className = "player-point-name";
      name.textContent = phase.name;
      heading.appendChild(code);
      heading.appendChild(document.createTextNode(" " + phase.pinyin + " "));
      heading.appendChild(name);
    }
    var side = root.querySelector(".player-side");
    if (side) {
      side.className = "player-side player-side-" + phase.side;
      side.textContent = phase.sideLabel;
    }
    var hold = "Hold for " + phase.seconds + " s" + (phase.pressure ? ", " + phase.pressure + " pressure" : "");
    setText(".player-hold", ready ? "Find the point: pressing starts in " + phase.seconds + " s" : hold);
    setText(".player-next", phase.upNext);
    showPregnancy(phase);
    var detail = root.querySelector(".player-detail");
    if (detail && detail.dataset.code !== phase.code) {
      showDetail(detail, phase);
    }
    if (announcer) {
      announcer.textContent = phase.announce;
    }
  }

  function doneMs(index, left) {
    var done = 0;
    for (var i = 0; i < Math.min(index, phases.length); i += 1) {
      done += phases[i].seconds * 1000;
    }
    if (index < phases.length) {
      done += Math.max(0, phases[index].seconds * 1000 - left);
    }
    return done;
  }

  // The clock ---------------------------------------------------------------------------------

  function tick() {
    if (model.state === "running" && model.index < phases.length) {
      // Offline, the phone moves on by itself, each deadline counted from the one before.
      if (offline) {
        var moved = false;
        while (model.index < phases.length && Date.now() >= model.deadline) {
          model.index += 1;
          if (model.index < phases.length) {
            model.deadline += phases[model.index].seconds * 1000;
          }
          moved = true;
        }
        if (moved) {
          if (model.index >= phases.length) {
            model.state = "complete";
          }
          showLocally(model.index);
          seen = model.index + ":" + model.state;
          cueFor(model.index);
          keepAwake();
        }
      } else if (Date.now() - model.deadline > 5000 && visibleSince < model.deadline) {
        // The server has not answered the timer for a while: carry on alone until it does.
        goOffline();
      }
    }
    var left = model.index < phases.length ? Math.max(0, leftNow()) : 0;
    var cue = cues[model.index];
    if (model.state === "running" && cue && cue.warn && warned !== model.index && left <= 10000 && left > 0) {
      warned = model.index;
      if (left > 8500) {
        say(["Ten seconds left"], false);
      }
    }
    // Where the phone believes the current phase ends, for comparing with the server's.
    root.dataset.deadline = model.state === "running" ? String(Math.round(model.deadline)) : "";
    var countdown = root.querySelector(".countdown[data-remaining-ms]");
    if (countdown) {
      var text = clock(left);
      if (countdown.textContent !== text) {
        countdown.textContent = text;
      }
    }
    var progress = root.querySelector("progress[data-done-ms]");
    if (progress && phases.length) {
      progress.value = Math.min(progress.max, doneMs(model.index, left));
    }
  }

  function startClock() {
    window.clearInterval(ticker);
    ticker = window.setInterval(tick, 250);
    tick();
  }

  // Offline and back --------------------------------------------------------------------------

  function setControlsEnabled(enabled) {
    root.querySelectorAll(".player-control button").forEach(function (button) {
      button.disabled = !enabled;
    });
  }

  function goOffline() {
    if (!offline) {
      offline = true;
      retryDelay = 1000;
      if (offlineNote) {
        offlineNote.hidden = false;
      }
      setControlsEnabled(false);
    }
    scheduleCatchUp();
  }

  function scheduleCatchUp() {
    window.clearTimeout(retryTimer);
    retryTimer = window.setTimeout(catchUp, retryDelay);
    retryDelay = Math.min(retryDelay * 2, 30000);
  }

  function csrfToken() {
    try {
      return JSON.parse(document.body.getAttribute("hx-headers") || "{}")["x-csrftoken"] || "";
    } catch (error) {
      return "";
    }
  }

  // Ask the server to apply what fell due while offline; show its answer.
  function catchUp() {
    window.clearTimeout(retryTimer);
    if (!offline || !root.dataset.advanceUrl) {
      return;
    }
    fetch(root.dataset.advanceUrl, {
      method: "POST",
      credentials: "same-origin",
      headers: {
        "HX-Request": "true",
        "X-CSRFToken": csrfToken(),
        "Content-Type": "application/x-www-form-urlencoded"
      },
      body: "catch_up=1"
    }).then(function (response) {
      if (!response.ok) {
        throw new Error("status " + response.status);
      }
      return response.text();
    }).then(function (html) {
      offline = false;
      if (offlineNote) {
        offlineNote.hidden = true;
      }
      if (window.htmx && window.htmx.swap) {
        window.htmx.swap(root, html, { swapStyle: "innerHTML" });
      } else {
        root.innerHTML = html;
      }
      serverAnswered();
    }).catch(function () {
      scheduleCatchUp();
    });
  }

  window.addEventListener("online", function () {
    if (offline) {
      retryDelay = 1000;
      catchUp();
    }
  });
  window.addEventListener("offline", function () {
    if (model.state === "running" || model.state === "paused") {
      goOffline();
    }
  });

  // Failed requests of the player: the phone goes on alone; no alarming error box, only the
  // quiet note (the box of static/js/app.js listens further up and does not hear these).
  function requestFailed(event) {
    event.stopPropagation();
    goOffline();
  }
  root.addEventListener("htmx:sendError", requestFailed);
  root.addEventListener("htmx:responseError", requestFailed);
  root.addEventListener("htmx:timeout", requestFailed);

  // Each answer of the server ---------------------------------------------------------------

  function serverAnswered(arrivedAt) {
    readModel(arrivedAt);
    var key = model.index + ":" + model.state;
    var moved = seen === null ? false : seen.split(":")[0] !== String(model.index);
    if (seen !== null && key !== seen) {
      var current = stateElement();
      if (announcer && current) {
        announcer.textContent = current.dataset.announce || "";
      }
      if (moved) {
        cueFor(model.index);
      }
    }
    seen = key;
    if (!offline) {
      setControlsEnabled(true);
    }
    offerSound();
    startClock();
    keepAwake();
  }

  // Keep the screen on while a session runs; the lock is dropped when the page is hidden.
  function keepAwake() {
    var wanted = model.state === "running" || model.state === "paused";
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
    if (offline) {
      catchUp();
      return;
    }
    if (window.htmx && root.dataset.url) {
      var request = window.htmx.ajax("GET", root.dataset.url, { target: "#player", swap: "innerHTML", source: root });
      if (request && request.catch) {
        request.catch(function () {});
      }
    }
  }

  // Keyboard: Space pauses or resumes, the arrows go back and skip.
  function submit(key) {
    var form = root.querySelector('form[data-key="' + key + '"]');
    var button = form && form.querySelector("button");
    if (!form || (button && button.disabled)) {
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
    if (offline) {
      // An answer got through: the connection is back.
      offline = false;
      if (offlineNote) {
        offlineNote.hidden = true;
      }
      window.clearTimeout(retryTimer);
    }
    serverAnswered();
    if (focusKey) {
      var next = root.querySelector('[data-key="' + focusKey + '"] button');
      if (next) {
        next.focus();
      }
      focusKey = null;
    }
  });

  document.addEventListener("visibilitychange", function () {
    if (document.visibilityState === "visible") {
      visibleSince = Date.now();
      // Timers sleep in a hidden tab: the clock catches up, then the server's state.
      tick();
      refresh();
      keepAwake();
    }
  });

  // Any tap or key counts; the overlay is one big button for it.
  document.addEventListener("pointerdown", unlock, { passive: true });
  document.addEventListener("keydown", unlock);
  if (overlay) {
    overlay.addEventListener("click", unlock);
  }

  if (wants.chime) {
    audioContext();
  }
  unlocked = hasBeenTapped();
  serverAnswered(arrivalOfThisPage());
  if (unlocked && seen !== null && model.state === "running" && model.index < phases.length) {
    // Just started with the tap on "Start the session": say the first prompt now.
    var fresh = phases[model.index] && leftNow() > phases[model.index].seconds * 1000 - 2500;
    if (fresh) {
      cueFor(model.index);
    }
  }
})();
