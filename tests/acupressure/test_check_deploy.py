from tests.acupressure.settings_env import production_env, run


def test_production_settings_pass_every_deployment_check():
    result = run(["manage.py", "check", "--deploy", "--fail-level", "WARNING"], production_env())

    assert result.returncode == 0, result.stdout + result.stderr
    assert "System check identified no issues" in result.stdout
    assert "WARNING" not in result.stderr


def test_deployment_checks_still_warn_about_a_weak_secret_key():
    # The check is live, not silenced wholesale: a short key is reported.
    result = run(
        ["manage.py", "check", "--deploy", "--fail-level", "WARNING"],
        production_env(DJANGO_SECRET_KEY="short"),
    )

    assert result.returncode != 0
    assert "security.W009" in result.stderr


def test_deployment_checks_pass_with_hsts_preload_chosen():
    result = run(
        ["manage.py", "check", "--deploy", "--fail-level", "WARNING"],
        production_env(DJANGO_HSTS_PRELOAD="1"),
    )

    assert result.returncode == 0, result.stdout + result.stderr
    assert "System check identified no issues" in result.stdout


def test_deployment_checks_report_mail_that_would_never_leave_the_server():
    result = run(
        ["manage.py", "check", "--deploy", "--fail-level", "WARNING"],
        production_env(EMAIL_HOST=None),
    )

    assert result.returncode != 0
    assert "mail.E001" in result.stderr
