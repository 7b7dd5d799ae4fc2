def test_healthz_answers_ok_after_a_database_round_trip(client, db, django_assert_num_queries):
    with django_assert_num_queries(1):
        response = client.get("/healthz")
    assert response.status_code == 200
    assert response.content == b"ok"
    assert response["Content-Type"].startswith("text/plain")


def test_healthz_answers_a_head_probe(client, db):
    response = client.head("/healthz")

    assert response.status_code == 200


def test_healthz_refuses_writes(client, db):
    assert client.post("/healthz").status_code == 405
