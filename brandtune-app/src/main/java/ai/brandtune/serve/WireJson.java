package ai.brandtune.serve;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import io.javalin.http.Context;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;

/** The server's JSON: snake_case output of the wire records, and size-limited request parsing. */
final class WireJson {
  private static final ObjectMapper MAPPER =
      new ObjectMapper().setPropertyNamingStrategy(PropertyNamingStrategies.SNAKE_CASE);

  /** Bodies up to this many times the limit are read to the end so the client sees the 413. */
  private static final int DRAIN_FACTOR = 16;

  private WireJson() {}

  static String write(Object value) {
    try {
      return MAPPER.writeValueAsString(value);
    } catch (JsonProcessingException e) {
      throw new UncheckedIOException(e);
    }
  }

  static void respond(Context ctx, int status, Object body) {
    ctx.status(status).contentType("application/json").result(write(body));
  }

  /** The request's JSON body; 413 past {@code limit} bytes, 400 when it is not JSON. */
  static JsonNode readBody(Context ctx, long limit) {
    long declared = ctx.req().getContentLengthLong();
    byte[] bytes;
    try (InputStream in = ctx.req().getInputStream()) {
      if (declared > limit) {
        drain(in, limit * DRAIN_FACTOR);
        throw ApiException.tooLarge(limit);
      }
      bytes = in.readNBytes((int) Math.min(Integer.MAX_VALUE - 8, limit + 1));
      if (bytes.length > limit) {
        drain(in, limit * DRAIN_FACTOR);
        throw ApiException.tooLarge(limit);
      }
    } catch (IOException e) {
      throw new ApiException(
          400, "invalid_request_error", "Could not read the request body.", null, null);
    }
    try {
      JsonNode node = bytes.length == 0 ? null : MAPPER.readTree(bytes);
      if (node == null || node.isMissingNode()) {
        throw ApiException.invalid(null, "The request body is empty; send a JSON object.");
      }
      return node;
    } catch (IOException e) {
      throw new ApiException(
          400,
          "invalid_request_error",
          "We could not parse the JSON body of your request. (HINT: This likely means you aren't"
              + " using your HTTP library correctly. The OpenAI API expects a JSON payload.)",
          null,
          null);
    }
  }

  private static void drain(InputStream in, long max) throws IOException {
    byte[] buf = new byte[64 * 1024];
    long total = 0;
    int n;
    while (total < max && (n = in.read(buf)) > 0) {
      total += n;
    }
  }
}
