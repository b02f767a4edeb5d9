package ai.brandtune.cli;

import static ai.brandtune.cli.ServeFixture.chatBody;
import static org.assertj.core.api.Assertions.assertThat;

import ai.brandtune.serve.WorkerStats;
import com.fasterxml.jackson.databind.JsonNode;
import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;

/** 200 requests from 16 concurrent clients: all answered, and batched into shared steps. */
class ServeLoadTest {
  static final int REQUESTS = 200;
  static final int CONCURRENCY = 16;

  @Test
  void twoHundredRequestsAtConcurrency16ShareGenerationSteps() throws Exception {
    try (ServeFixture server = ServeFixture.start("--queue-size", "64")) {
      ExecutorService clients = Executors.newFixedThreadPool(CONCURRENCY);
      List<Future<HttpResponse<String>>> responses = new ArrayList<>();
      for (int i = 0; i < REQUESTS; i++) {
        String body = chatBody("第" + i + "条", "\"max_tokens\":" + (4 + i % 5) + ",\"seed\":" + i);
        responses.add(clients.submit(() -> server.post("/v1/chat/completions", body)));
      }
      int ok = 0;
      int busy = 0;
      for (Future<HttpResponse<String>> f : responses) {
        HttpResponse<String> r = f.get();
        if (r.statusCode() == 429) {
          ServeFixture.assertError(r, 429, "queue_full");
          assertThat(r.headers().firstValue("Retry-After")).isPresent();
          busy++;
          continue;
        }
        assertThat(r.statusCode()).as(r.body()).isEqualTo(200);
        JsonNode body = ServeFixture.json(r);
        assertThat(body.get("choices")).hasSize(1);
        assertThat(body.get("usage").get("completion_tokens").asInt()).isBetween(1, 8);
        ok++;
      }
      clients.shutdown();
      WorkerStats stats = server.server().stats();
      assertThat(ok + busy).isEqualTo(REQUESTS);
      // 16 clients never fill a queue of 64: every 429 here would be a bug
      assertThat(busy).isZero();
      assertThat(stats.rejected()).isEqualTo(busy);
      assertThat(stats.requests()).isEqualTo(REQUESTS);
      // batching: fewer batches than requests, and steps in which several requests generated
      assertThat(stats.batches()).isLessThan(REQUESTS);
      assertThat(stats.sharedSteps()).isPositive();
      assertThat(stats.maxRequestsInStep()).isGreaterThan(1);
      // continuous batching: requests started while others were mid-generation
      assertThat(stats.joinedRunning()).isPositive();
      assertThat(ServeFixture.json(server.get("/health")).get("stats").get("shared_steps").asLong())
          .isEqualTo(stats.sharedSteps());
    }
  }
}
