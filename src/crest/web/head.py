"""HEAD is answered as GET is, without the body (RFC 9110, 9.3.2): FastAPI's routes take only the methods they
name, so `curl -I` on any page answered 405 where every GET answers."""

from starlette.types import ASGIApp, Message, Receive, Scope, Send


class HeadAsGet:
    """Plain ASGI middleware: a HEAD request goes on as a GET (the guards before it read HEAD as the safe method
    it is), and its answer keeps its status and headers, Content-Length included, but sends no body."""

    def __init__(self, app: ASGIApp) -> None:
        self.app = app

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http" or scope["method"] != "HEAD":
            await self.app(scope, receive, send)
            return

        async def without_body(message: Message) -> None:
            if message["type"] == "http.response.body":
                if message.get("more_body", False):
                    return  # a streamed answer: only its end is sent, empty
                message = {"type": "http.response.body", "body": b"", "more_body": False}
            await send(message)

        await self.app({**scope, "method": "GET"}, receive, without_body)
