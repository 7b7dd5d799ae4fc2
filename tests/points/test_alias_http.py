"""Every label the articles use finds its standard point, by search and by address."""

from urllib.parse import quote

import pytest

ALIASES = [
    # Older codes, as the articles write them.
    ("B23", "BL23"),
    ("B47", "BL52"),
    ("B48", "BL53"),
    ("B53", "BL39"),
    ("B54", "BL40"),
    ("UB40", "BL40"),
    ("UB57", "BL57"),
    ("LV3", "LR3"),
    ("LV 3", "LR3"),
    ("G30", "GB30"),
    ("B60", "BL60"),
    ("CV 6", "CV6"),
    ("LI 4", "LI4"),
    ("Bladder 23", "BL23"),
    ("Bladder 48", "BL53"),
    ("Bladder 54", "BL40"),
    ("Bladder 60", "BL60"),
    ("Small Intestine 11", "SI11"),
    # Names.
    ("Sea of Energy", "CV6"),
    ("Kidney Shu", "BL23"),
    ("Sea of Vitality", "BL52"),
    ("Womb and Vitals", "BL53"),
    ("Bladder Vitals", "BL53"),
    ("Hoku", "LI4"),
    ("Kunlun Mountains", "BL60"),
    ("Middle of the Crook", "BL40"),
    ("Middle Crook", "BL40"),
    ("Celestial Gathering", "SI11"),
    ("Great Surge", "LR3"),
    # Pinyin.
    ("Qihai", "CV6"),
    ("Shenshu", "BL23"),
    ("Zhishi", "BL52"),
    ("Baohuang", "BL53"),
    ("Huantiao", "GB30"),
    ("Weizhong", "BL40"),
    ("Kunlun", "BL60"),
    ("Taichong", "LR3"),
    ("Hegu", "LI4"),
    ("Tianzong", "SI11"),
]


@pytest.mark.parametrize(("label", "code"), ALIASES, ids=[label for label, _ in ALIASES])
def test_the_label_finds_its_point_by_search_and_by_address(client, catalogue, label, code):
    # As the list filters while typing (htmx): that one point, and no other.
    response = client.get("/points/", {"q": label}, HTTP_HX_REQUEST="true")
    assert response.status_code == 200
    assert [point.code for point in response.context["points"]] == [code]
    assert f'href="/points/{code}/"' in response.content.decode()

    # A submitted search for an exact label goes straight to the point.
    response = client.get("/points/", {"q": label})
    assert response.status_code == 302
    assert response["Location"] == f"/points/{code}/"

    # The label typed into the address bar: a permanent redirect to the standard code.
    response = client.get(f"/points/{quote(label)}/")
    assert response.status_code == 301
    assert response["Location"] == f"/points/{code}/"
