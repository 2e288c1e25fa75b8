"""A conversation continues across replicas and survives one replica's loss."""
import subprocess
import threading
import time
import uuid

import requests

from bot.registry import demo

RECORD = next(demo.records(1))
CHECK_TURNS = ["私は対象ですか", RECORD[2], RECORD[3]]
MATCH = "一致しました"


def say(base_url: str, sender: str, text: str) -> requests.Response:
    return requests.post(f"{base_url}/webhooks/rest/webhook",
                         json={"sender": sender, "message": text}, timeout=60)


def text_of(response: requests.Response) -> str:
    return "\n".join(item.get("text", "") for item in response.json())


def test_consecutive_turns_on_different_replicas_keep_the_conversation(stack):
    sender = uuid.uuid4().hex
    a, b = stack.replicas["rasa_a"], stack.replicas["rasa_b"]
    assert "住所" in text_of(say(a, sender, CHECK_TURNS[0]))
    assert "生年月日" in text_of(say(b, sender, CHECK_TURNS[1]))
    assert MATCH in text_of(say(a, sender, CHECK_TURNS[2]))


def test_losing_a_replica_under_load_loses_no_conversation(stack):
    stop_at = {}
    outcomes, server_errors = [], []
    lock = threading.Lock()

    def resident(deadline: float) -> None:
        while time.monotonic() < deadline:
            sender, reply = uuid.uuid4().hex, ""
            for text in CHECK_TURNS:
                for attempt in range(3):  # what the widget's 「もう一度送る」 does
                    started = time.monotonic()
                    try:
                        response = say(stack.balancer, sender, text)
                        status = response.status_code
                    except requests.RequestException:
                        status = 599
                    if status >= 500:
                        with lock:
                            server_errors.append(started)
                        continue
                    reply = text_of(response)
                    break
            with lock:
                outcomes.append(MATCH in reply)

    deadline = time.monotonic() + 25
    residents = [threading.Thread(target=resident, args=(deadline,)) for _ in range(8)]
    for thread in residents:
        thread.start()
    time.sleep(8)
    stop_at["time"] = time.monotonic()
    stack.processes["rasa_a"].terminate()
    for thread in residents:
        thread.join()
    stack.processes["rasa_a"].wait(timeout=30)
    stack.start("rasa_a")  # leave the stack whole for whatever runs next
    stack.wait("rasa_a")
    assert outcomes and all(outcomes), f"{outcomes.count(False)} of {len(outcomes)} conversations lost"
    # The balancer notices a stopped replica within a request; allow those in flight then.
    late_errors = [t for t in server_errors if t > stop_at["time"] + 2]
    assert not late_errors, f"{len(late_errors)} server errors after the balancer noticed"


def test_health_says_when_the_conversation_database_is_down_and_recovers(stack):
    replica = stack.replicas["rasa_b"]
    assert requests.get(f"{replica}/webhooks/rest/health", timeout=10).status_code == 200
    cluster = subprocess.run(["pg_lsclusters", "--no-header"], capture_output=True,
                             text=True).stdout.split()[:2]
    subprocess.run(["pg_ctlcluster", *cluster, "stop"], check=True)
    try:
        down = requests.get(f"{replica}/webhooks/rest/health", timeout=30)
        assert down.status_code == 503 and down.json()["tracker_store"] == "unavailable"
    finally:
        subprocess.run(["pg_ctlcluster", *cluster, "start"], check=True)
    for _ in range(30):
        if requests.get(f"{replica}/webhooks/rest/health", timeout=10).status_code == 200:
            break
        time.sleep(1)
    assert requests.get(f"{replica}/webhooks/rest/health", timeout=10).status_code == 200
    sender = uuid.uuid4().hex
    assert "件" in text_of(say(replica, sender, "何件漏れたの？"))
