// Drives brandtune serve with the official OpenAI Node SDK, as any OpenAI client would.
// Usage: node openai-client.cjs BASE_URL API_KEY   (prints one JSON report line; exit 1 on failure)
"use strict";
const assert = require("node:assert/strict");
const OpenAI = require("openai");

async function main() {
  const [base, apiKey] = process.argv.slice(2);
  const client = new OpenAI({ baseURL: base + "/v1", apiKey, maxRetries: 0, timeout: 60000 });
  const report = {};

  const models = await client.models.list();
  report.models = models.data.map((m) => m.id);

  const request = {
    model: "tiny",
    messages: [
      { role: "system", content: "你是品牌文案助手。" },
      { role: "user", content: "写一句面霜文案" },
    ],
    max_tokens: 12,
    n: 2,
    seed: 4242,
    temperature: 1.0,
  };
  const first = await client.chat.completions.create(request);
  const second = await client.chat.completions.create(request);
  const other = await client.chat.completions.create({ ...request, seed: 7 });
  const contents = (c) => c.choices.map((x) => x.message.content);
  assert.equal(first.object, "chat.completion");
  assert.equal(first.choices.length, 2);
  assert.deepEqual(contents(second), contents(first), "same seed, same completions");
  assert.notDeepEqual(contents(other), contents(first), "another seed, other completions");
  report.first = { contents: contents(first), usage: first.usage, finish: first.choices.map((x) => x.finish_reason) };

  const stream = await client.chat.completions.create({ ...request, stream: true, stream_options: { include_usage: true } });
  const texts = ["", ""];
  const finish = [null, null];
  let usage = null;
  let chunks = 0;
  for await (const chunk of stream) {
    chunks++;
    assert.equal(chunk.object, "chat.completion.chunk");
    for (const choice of chunk.choices) {
      texts[choice.index] += choice.delta.content || "";
      if (choice.finish_reason) finish[choice.index] = choice.finish_reason;
    }
    if (chunk.usage) usage = chunk.usage;
  }
  assert.deepEqual(texts, contents(first), "streamed text equals the non-streamed completions");
  assert.deepEqual(finish, report.first.finish);
  assert.deepEqual(usage, first.usage);
  report.streamed = { contents: texts, usage, chunks };

  try {
    await client.chat.completions.create({ ...request, model: "gpt-4o" });
    assert.fail("unknown model must fail");
  } catch (e) {
    assert.ok(e instanceof OpenAI.NotFoundError, "404 as NotFoundError: " + e);
    assert.equal(e.code, "model_not_found");
    report.unknownModel = { status: e.status, code: e.code };
  }
  try {
    await client.chat.completions.create({ ...request, n: 99 });
    assert.fail("n over the cap must fail");
  } catch (e) {
    assert.ok(e instanceof OpenAI.BadRequestError, "400 as BadRequestError: " + e);
    report.badN = { status: e.status, param: e.param };
  }
  process.stdout.write(JSON.stringify(report) + "\n");
}

main().catch((e) => {
  process.stderr.write("openai-client failed: " + (e && e.stack ? e.stack : e) + "\n");
  process.exit(1);
});
