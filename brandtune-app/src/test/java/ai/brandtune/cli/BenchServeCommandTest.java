package ai.brandtune.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.Test;

class BenchServeCommandTest {

  @Test
  void reportsEachConcurrencyLevelWithOrderedPercentiles() throws Exception {
    CliRun run =
        CliRun.of(
            "bench",
            "serve",
            "--model",
            ServeFixture.tinyModel().toString(),
            "--device",
            "cpu",
            "--concurrency",
            "1,3",
            "--requests",
            "6",
            "--warmup",
            "0",
            "--max-tokens",
            "4",
            "--json");
    assertThat(run.exitCode()).as(run.err()).isZero();
    JsonNode report = ServeFixture.JSON.readTree(run.out());
    assertThat(report.get("benchmark").asText()).isEqualTo("serve");
    JsonNode rows = report.get("results");
    assertThat(rows).hasSize(2);
    assertThat(rows.get(0).get("concurrency").asInt()).isEqualTo(1);
    assertThat(rows.get(1).get("concurrency").asInt()).isEqualTo(3);
    for (JsonNode r : rows) {
      assertThat(r.get("requests").asInt()).isEqualTo(6);
      assertThat(r.get("requests_per_second").asDouble()).isPositive();
      assertThat(r.get("ttft_ms_p50").asDouble())
          .isPositive()
          .isLessThanOrEqualTo(r.get("ttft_ms_p95").asDouble());
      assertThat(r.get("latency_ms_p50").asDouble())
          .isGreaterThanOrEqualTo(r.get("ttft_ms_p50").asDouble())
          .isLessThanOrEqualTo(r.get("latency_ms_p95").asDouble());
    }
    // one client never shares a step with another
    assertThat(rows.get(0).get("shared_step_fraction").asDouble()).isZero();
  }

  @Test
  void percentileIsNearestRank() {
    double[] v = {1, 2, 3, 4, 5, 6, 7, 8, 9, 10};
    assertThat(BenchServeCommand.percentile(v, 50)).isEqualTo(5);
    assertThat(BenchServeCommand.percentile(v, 95)).isEqualTo(10);
    assertThat(BenchServeCommand.percentile(new double[] {7}, 95)).isEqualTo(7);
  }
}
