import pytest

from tests.factories import AliasFactory, PointFactory


@pytest.mark.parametrize(
    ("label", "code"),
    [
        ("B23", "BL23"),
        ("B47", "BL52"),
        ("B48", "BL53"),
        ("B53", "BL39"),
        ("B54", "BL40"),
        ("UB40", "BL40"),
        ("UB57", "BL57"),
        ("LV3", "LR3"),
        ("lv3", "LR3"),
        ("G30", "GB30"),
        ("bl40", "BL40"),
    ],
)
def test_older_labels_redirect_permanently_to_the_standard_code(client, catalogue, label, code):
    response = client.get(f"/points/{label}/")
    assert response.status_code == 301
    assert response["Location"] == f"/points/{code}/"
    assert client.get(response["Location"]).status_code == 200


def test_a_name_redirects_too(client, db):
    AliasFactory(point=PointFactory(code="LI4"), label="Hoku")
    response = client.get("/points/hoku/", follow=True)
    assert response.redirect_chain == [("/points/LI4/", 301)]
    assert "“hoku” is LI4" in response.content.decode()


def test_the_standard_code_does_not_redirect(client, db):
    PointFactory(code="BL40")
    assert client.get("/points/BL40/").status_code == 200
