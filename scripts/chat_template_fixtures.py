#!/usr/bin/env python3
"""Golden fixtures for brandtune's ChatTemplate, rendered by Python jinja2 exactly as transformers does.

Reproduces transformers' chat-template environment (``_compile_jinja_template`` and
``render_jinja_template``): ImmutableSandboxedEnvironment(trim_blocks=True, lstrip_blocks=True,
extensions=[loopcontrols, generation tag]), transformers' ``tojson`` override, ``raise_exception``
and ``strftime_now`` globals, and the render call
``render(messages=..., tools=..., documents=..., add_generation_prompt=..., **special_tokens, **extra)``.
``strftime_now`` reads a fixed date (``FIXED_NOW``) so fixtures are stable; the Java test injects the
same instant through ``ChatTemplate.withClock``.

Usage (needs jinja2 3.1.x; run once, commit the output):
    bash scripts/fetch-test-tokenizers.sh brandtune-core/target/test-tokenizers
    python3 scripts/chat_template_fixtures.py \
        [brandtune-core/target/test-tokenizers] [brandtune-core/src/test/resources/chat-templates]
"""

import hashlib
import json
import os
import sys
from datetime import datetime

import jinja2
from jinja2 import nodes
from jinja2.ext import Extension, loopcontrols
from jinja2.sandbox import ImmutableSandboxedEnvironment

FIXED_NOW = datetime(2025, 3, 14, 9, 26, 53)
SPECIAL_TOKEN_ATTRIBUTES = [
    "bos_token",
    "eos_token",
    "unk_token",
    "sep_token",
    "pad_token",
    "cls_token",
    "mask_token",
    "additional_special_tokens",
]


class GenerationTag(Extension):
    """transformers' AssistantTracker without mask tracking: {% generation %} renders its body."""

    tags = {"generation"}

    def parse(self, parser):
        lineno = next(parser.stream).lineno
        body = parser.parse_statements(["name:endgeneration"], drop_needle=True)
        return nodes.CallBlock(self.call_method("_generation_support"), [], [], body).set_lineno(lineno)

    @jinja2.pass_eval_context
    def _generation_support(self, context, caller):
        return caller()


def compile_template(source):
    def raise_exception(message):
        raise jinja2.exceptions.TemplateError(message)

    def tojson(x, ensure_ascii=False, indent=None, separators=None, sort_keys=False):
        return json.dumps(x, ensure_ascii=ensure_ascii, indent=indent, separators=separators, sort_keys=sort_keys)

    def strftime_now(format):
        return FIXED_NOW.strftime(format)

    env = ImmutableSandboxedEnvironment(trim_blocks=True, lstrip_blocks=True, extensions=[GenerationTag, loopcontrols])
    env.filters["tojson"] = tojson
    env.globals["raise_exception"] = raise_exception
    env.globals["strftime_now"] = strftime_now
    return env.from_string(source)


def token_content(token):
    if isinstance(token, dict):
        return token["content"]
    return token


def special_tokens_map(config):
    """transformers' ``special_tokens_map``: the set (truthy) special tokens as strings."""
    out = {}
    for attr in SPECIAL_TOKEN_ATTRIBUTES:
        value = config.get(attr)
        if attr == "additional_special_tokens" and value:
            value = [token_content(t) for t in value]
        else:
            value = token_content(value)
        if value:
            out[attr] = value
    return out


def chat_template_source(model_dir, config):
    jinja_file = os.path.join(model_dir, "chat_template.jinja")
    if os.path.exists(jinja_file):
        with open(jinja_file, encoding="utf-8") as f:
            return f.read()
    template = config["chat_template"]
    if isinstance(template, list):
        template = {t["name"]: t["template"] for t in template}["default"]
    return template


def user(text):
    return {"role": "user", "content": text}


def assistant(text):
    return {"role": "assistant", "content": text}


def system(text):
    return {"role": "system", "content": text}


WEATHER_TOOL = {
    "type": "function",
    "function": {
        "name": "get_weather",
        "description": "Current weather for a city. Returns °C.",
        "parameters": {
            "type": "object",
            "properties": {
                "city": {"type": "string", "description": "City name, e.g. Zürich"},
                "days": {"type": "integer", "minimum": 1, "maximum": 7},
            },
            "required": ["city"],
        },
    },
}

BASE_SCENARIOS = [
    ("system_user_generation", [system("You are a brand copywriter."), user("Write a tagline for our oat latte.")], True, {}),
    (
        "multi_turn",
        [
            user("Describe the new trail shoe."),
            assistant("  Light, grippy, and ready for mud.  "),
            user("Shorter, please — and add an emoji ☕."),
        ],
        True,
        {},
    ),
    ("no_system", [user("Hello!\n\nTwo paragraphs here.")], True, {}),
    (
        "training_no_generation_prompt",
        [system("Be concise."), user("Name a color."), assistant("Teal.")],
        False,
        {},
    ),
]

EXTRA_SCENARIOS = {
    "qwen3": [
        ("enable_thinking_false", [system("Be brief."), user("Say hi.")], True, {"enable_thinking": False}),
        ("enable_thinking_true", [user("Say hi.")], True, {"enable_thinking": True}),
        (
            "assistant_with_think",
            [
                user("What is 2+2?"),
                assistant("<think>\nSimple arithmetic.\n</think>\n\nIt is 4."),
                user("And 3+3?"),
                assistant("<think>Add them.</think>It is 6."),
            ],
            False,
            {},
        ),
        (
            "tools",
            [
                system("You help with the weather."),
                user("Weather in Zürich?"),
                {
                    "role": "assistant",
                    "content": "",
                    "tool_calls": [
                        {"type": "function", "function": {"name": "get_weather", "arguments": {"city": "Zürich", "days": 2}}},
                        {"type": "function", "function": {"name": "get_weather", "arguments": "{\"city\": \"Bern\"}"}},
                    ],
                },
                {"role": "tool", "content": "{\"temp\": 21}"},
                {"role": "tool", "content": "{\"temp\": 19}"},
            ],
            True,
            {"tools": [WEATHER_TOOL]},
        ),
    ],
    "deepseek_v3": [
        (
            "two_system_messages",
            [system("First rule."), system("Second rule."), user("Go.")],
            True,
            {},
        ),
        (
            "tool_calls",
            [
                user("Weather in Oslo?"),
                {
                    "role": "assistant",
                    "content": None,
                    "tool_calls": [
                        {"type": "function", "function": {"name": "get_weather", "arguments": "{\"city\": \"Oslo\"}"}},
                        {"type": "function", "function": {"name": "get_weather", "arguments": "{\"city\": \"Bergen\"}"}},
                    ],
                },
                {"role": "tool", "content": "cloudy"},
                {"role": "tool", "content": "rain"},
                assistant("Cloudy in Oslo, rain in Bergen."),
            ],
            True,
            {},
        ),
    ],
    "gemma3": [
        (
            "structured_content",
            [
                {"role": "system", "content": [{"type": "text", "text": "Speak like a barista."}]},
                {"role": "user", "content": [{"type": "image"}, {"type": "text", "text": "  What is in this cup?  "}]},
            ],
            True,
            {},
        ),
        ("raises_on_non_alternating_roles", [user("One."), user("Two.")], True, {}),
    ],
    "llama3_1": [
        ("custom_bos_token", [user("Hi")], True, {"bos_token": "<BOS>"}),
    ],
}


def render(template, messages, add_generation_prompt, extra, special_tokens):
    kwargs = {**special_tokens, **extra}
    tools = kwargs.pop("tools", None)
    documents = kwargs.pop("documents", None)
    return template.render(
        messages=messages, tools=tools, documents=documents, add_generation_prompt=add_generation_prompt, **kwargs
    )


def main():
    root = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
    tokenizers = sys.argv[1] if len(sys.argv) > 1 else os.path.join(root, "brandtune-core/target/test-tokenizers")
    out_dir = sys.argv[2] if len(sys.argv) > 2 else os.path.join(root, "brandtune-core/src/test/resources/chat-templates")
    os.makedirs(out_dir, exist_ok=True)
    for name in ["qwen3", "llama3_1", "deepseek_v3", "gemma3"]:
        model_dir = os.path.join(tokenizers, name)
        with open(os.path.join(model_dir, "tokenizer_config.json"), encoding="utf-8") as f:
            config = json.load(f)
        source = chat_template_source(model_dir, config)
        template = compile_template(source)
        special_tokens = special_tokens_map(config)
        scenarios = []
        for scenario_name, messages, add_generation_prompt, extra in BASE_SCENARIOS + EXTRA_SCENARIOS.get(name, []):
            scenario = {
                "name": scenario_name,
                "messages": messages,
                "add_generation_prompt": add_generation_prompt,
                "extra": extra,
            }
            try:
                scenario["expected"] = render(template, messages, add_generation_prompt, extra, special_tokens)
            except jinja2.exceptions.TemplateError as e:
                scenario["expected_error"] = str(e)
            scenarios.append(scenario)
        fixture = {
            "model": name,
            "generated_by": "scripts/chat_template_fixtures.py with jinja2 " + jinja2.__version__,
            "template_sha256": hashlib.sha256(source.encode("utf-8")).hexdigest(),
            "strftime_now": FIXED_NOW.isoformat(),
            "special_tokens": special_tokens,
            "scenarios": scenarios,
        }
        path = os.path.join(out_dir, name + ".json")
        with open(path, "w", encoding="utf-8") as f:
            json.dump(fixture, f, ensure_ascii=False, indent=2)
            f.write("\n")
        print(f"wrote {path} ({len(scenarios)} scenarios)")


if __name__ == "__main__":
    main()
