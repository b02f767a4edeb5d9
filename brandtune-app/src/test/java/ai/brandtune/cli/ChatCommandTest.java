package ai.brandtune.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ChatCommandTest {
  @TempDir static Path tmp;
  static Path model;

  @BeforeAll
  static void createModel() {
    model = TinyModel.create(tmp);
  }

  @Test
  void answersEachLineUntilExit() {
    CliRun run =
        CliRun.withInput(
            "hello\n\n/reset\nagain\n/exit\nnever read\n",
            "chat",
            "--model",
            model.toString(),
            "--max-new-tokens",
            "3",
            "--system",
            "Be brief.");

    assertThat(run.exitCode()).as(run.err()).isZero();
    // one reply line per user turn (replies of a random model may contain newlines themselves)
    assertThat(run.out().split(System.lineSeparator(), -1).length).isGreaterThanOrEqualTo(3);
    assertThat(run.err()).contains("(conversation cleared)").doesNotContain("error");
  }

  @Test
  void endOfInputEndsTheChat() {
    CliRun run = CliRun.withInput("", "chat", "--model", model.toString());

    assertThat(run.exitCode()).as(run.err()).isZero();
    assertThat(run.out()).isEmpty();
  }
}
