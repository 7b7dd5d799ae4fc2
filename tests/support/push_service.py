"""A stand-in for a Web Push service on 127.0.0.1, and fake browser subscriptions for it.

Each fake subscription has its own P-256 key pair and auth secret, as a browser's would, so the
service can decrypt what it receives (RFC 8291, aes128gcm) and a test can read the payload the
app sent. A subscription can be told to answer 410 (gone), 500 (broken) or to stall.
"""

import base64
import json
import os
import threading
import time
from dataclasses import dataclass, field
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

import http_ece
from cryptography.hazmat.primitives import serialization
from cryptography.hazmat.primitives.asymmetric import ec


def b64url(data: bytes) -> str:
    return base64.urlsafe_b64encode(data).rstrip(b"=").decode()


@dataclass
class FakeDevice:
    endpoint: str
    private_key: ec.EllipticCurvePrivateKey
    auth: bytes
    status: int = 201
    stall_seconds: float = 0

    @property
    def p256dh(self) -> str:
        point = self.private_key.public_key().public_bytes(
            serialization.Encoding.X962, serialization.PublicFormat.UncompressedPoint
        )
        return b64url(point)

    @property
    def auth_secret(self) -> str:
        return b64url(self.auth)

    def subscription_json(self) -> dict:
        """What PushSubscription.toJSON() gives in a browser."""
        return {
            "endpoint": self.endpoint,
            "keys": {"p256dh": self.p256dh, "auth": self.auth_secret},
        }


@dataclass
class Delivery:
    device: FakeDevice
    headers: dict[str, str]
    payload: dict


@dataclass
class PushService:
    host: str = "127.0.0.1"
    devices: dict[str, FakeDevice] = field(default_factory=dict)
    deliveries: list[Delivery] = field(default_factory=list)
    requests: list[str] = field(default_factory=list)
    lock: threading.Lock = field(default_factory=threading.Lock)

    def start(self) -> "PushService":
        service = self

        class Handler(BaseHTTPRequestHandler):
            def do_POST(self) -> None:  # noqa: N802 - http.server's name
                body = self.rfile.read(int(self.headers.get("Content-Length", 0)))
                with service.lock:
                    service.requests.append(self.path)
                device = service.devices.get(self.path)
                if device is None:
                    self.send_response(404)
                    self.end_headers()
                    return
                if device.stall_seconds:
                    time.sleep(device.stall_seconds)
                if device.status == 201:
                    plain = http_ece.decrypt(
                        body,
                        private_key=device.private_key,
                        auth_secret=device.auth,
                        version="aes128gcm",
                    )
                    with service.lock:
                        service.deliveries.append(
                            Delivery(
                                device,
                                {k.lower(): v for k, v in self.headers.items()},
                                json.loads(plain),
                            )
                        )
                self.send_response(device.status)
                self.send_header("Content-Length", "0")
                self.end_headers()

            def log_message(self, *args) -> None:
                pass

        self.server = ThreadingHTTPServer((self.host, 0), Handler)
        self.server.daemon_threads = True
        self.base_url = f"http://{self.host}:{self.server.server_address[1]}"
        self.thread = threading.Thread(target=self.server.serve_forever, daemon=True)
        self.thread.start()
        return self

    def stop(self) -> None:
        self.server.shutdown()
        self.server.server_close()

    def new_device(self, **kwargs) -> FakeDevice:
        path = f"/push/{b64url(os.urandom(12))}"
        device = FakeDevice(
            endpoint=self.base_url + path,
            private_key=ec.generate_private_key(ec.SECP256R1()),
            auth=os.urandom(16),
            **kwargs,
        )
        self.devices[path] = device
        return device


def vapid_keys() -> dict[str, str]:
    """A fresh VAPID key pair in the form the settings take (base64url raw private, public)."""
    key = ec.generate_private_key(ec.SECP256R1())
    private = key.private_numbers().private_value.to_bytes(32, "big")
    public = key.public_key().public_bytes(
        serialization.Encoding.X962, serialization.PublicFormat.UncompressedPoint
    )
    return {"VAPID_PRIVATE_KEY": b64url(private), "VAPID_PUBLIC_KEY": b64url(public)}
