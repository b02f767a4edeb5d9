package ai.brandtune.serve;

import io.javalin.http.Context;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;

/**
 * A server-sent-events response written straight to the socket. A failed write means the client is
 * gone; {@link #ok()} turns false and the caller cancels its rows.
 */
final class SseStream {
  private final OutputStream out;
  private boolean ok = true;

  SseStream(Context ctx) throws IOException {
    ctx.status(200);
    ctx.res().setContentType("text/event-stream; charset=utf-8");
    ctx.res().setHeader("Cache-Control", "no-cache");
    ctx.res().setHeader("X-Accel-Buffering", "no");
    this.out = ctx.res().getOutputStream();
  }

  boolean ok() {
    return ok;
  }

  /** One {@code data:} event holding the JSON of {@code body}. */
  void send(Object body) {
    raw("data: " + WireJson.write(body) + "\n\n");
  }

  /** A comment line, ignored by clients: probes whether the client is still there. */
  void keepAlive() {
    raw(":\n\n");
  }

  void done() {
    raw("data: [DONE]\n\n");
  }

  private void raw(String s) {
    if (!ok) {
      return;
    }
    try {
      out.write(s.getBytes(StandardCharsets.UTF_8));
      out.flush();
    } catch (IOException e) {
      ok = false;
    }
  }
}
