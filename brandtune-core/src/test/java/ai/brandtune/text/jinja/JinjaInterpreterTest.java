package ai.brandtune.text.jinja;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.brandtune.BrandtuneException;
import java.time.Clock;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * Targeted checks of the Jinja engine against Python. Every expected string below was rendered by
 * jinja2 3.1.6 in transformers' environment (ImmutableSandboxedEnvironment, trim_blocks,
 * lstrip_blocks, loopcontrols, the tojson override, raise_exception, strftime_now at 2025-03-14
 * 09:26:53, the generation tag) and pasted here as a literal.
 */
class JinjaInterpreterTest {

  private static final Clock CLOCK =
      Clock.fixed(
          LocalDateTime.parse("2025-03-14T09:26:53").toInstant(ZoneOffset.UTC), ZoneOffset.UTC);
  private static final List<Object> XS = List.of(1, 2, 3);
  private static final List<Object> MESSAGES =
      List.of(
          message("system", "Be brief."),
          message("user", "Hi there"),
          message("assistant", "Hello!"));
  private static final List<Object> TOOLS = List.of(weatherTool());

  private static Map<String, Object> message(String role, String content) {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("role", role);
    m.put("content", content);
    return m;
  }

  /** Insertion-ordered like the Python dict, with a null and empty containers. */
  private static Map<String, Object> weatherTool() {
    Map<String, Object> parameters = new LinkedHashMap<>();
    parameters.put("city", "Zürich");
    parameters.put("units", List.of("c", "f"));
    parameters.put("n", 2);
    parameters.put("x", 1.5);
    parameters.put("ok", true);
    parameters.put("none", null);
    parameters.put("empty", Map.of());
    parameters.put("list", List.of());
    Map<String, Object> tool = new LinkedHashMap<>();
    tool.put("name", "get_weather");
    tool.put("parameters", parameters);
    return tool;
  }

  private static List<Object> withToolTurn(List<Object> messages) {
    List<Object> out = new ArrayList<>(messages);
    out.add(message("tool", "sunny, 21 °C"));
    return out;
  }

  private static String render(String template, Map<String, ?> context) {
    return Template.parse(template, "test template").render(context, CLOCK);
  }

  private static void assertRenders(String expected, String template, Map<String, ?> context) {
    assertEquals(expected, render(template, context));
  }

  /** Rendering fails with a BrandtuneException whose message holds every one of {@code parts}. */
  private static void assertFails(String template, Map<String, ?> context, String... parts) {
    BrandtuneException e = assertThrows(BrandtuneException.class, () -> render(template, context));
    for (String part : parts) {
      assertTrue(
          e.getMessage().contains(part),
          "expected \"" + part + "\" in the error, got: " + e.getMessage());
    }
  }

  @Test
  void wsMinus() {
    assertRenders(
        "abc d e", "a  {%- if true -%}  b  {%- endif -%}  c\n{{- ' d ' -}}\n  e", Map.of());
  }

  @Test
  void wsTrimLstrip() {
    assertRenders(
        "<ul>\n    <li>1</li>\n    <li>2</li>\n    <li>3</li>\n</ul>",
        "<ul>\n  {% for x in xs %}\n    <li>{{ x }}</li>\n  {% endfor %}\n</ul>\n",
        Map.of("xs", XS));
  }

  @Test
  void wsPlus() {
    assertRenders(
        "  x\ny\nz", "  {%+ if true %}x{% endif +%}\ny\n  {% if true %}z{% endif %}", Map.of());
  }

  @Test
  void wsComments() {
    assertRenders("a\nbc\n", "a\n  {# note #}\nb {#- gone -#} c\n{# end #}", Map.of());
  }

  @Test
  void wsVariableNoTrim() {
    assertRenders("x\ny", "{{ 'x' }}\n{{ 'y' }}\n", Map.of());
  }

  @Test
  void wsRaw() {
    assertRenders("{{ keep }}", "{% raw %}{{ keep }}{% endraw %}", Map.of());
  }

  @Test
  void loopVars() {
    assertRenders(
        "01TrueFalse332|12FalseFalse321|23FalseTrue310|",
        "{% for m in messages %}{{ loop.index0 }}{{ loop.index }}{{ loop.first }}{{ loop.last }}{{ loop.length }}{{ loop.revindex }}{{ loop.revindex0 }}|{% endfor %}",
        Map.of("messages", MESSAGES));
  }

  @Test
  void loopFilterElse() {
    assertRenders(
        "1/2=2 2/2=3 |empty",
        "{% for x in xs if x > 1 %}{{ loop.index }}/{{ loop.length }}={{ x }} {% else %}none{% endfor %}|{% for x in [] %}{{ x }}{% else %}empty{% endfor %}",
        Map.of("xs", XS));
  }

  @Test
  void loopItemsUnpack() {
    assertRenders(
        "a=1;b=[2];",
        "{% for k, v in {'a': 1, 'b': [2]}.items() %}{{ k }}={{ v }};{% endfor %}",
        Map.of());
  }

  @Test
  void loopControls() {
    assertRenders(
        "2",
        "{% for x in xs %}{% if x == 1 %}{% continue %}{% endif %}{{ x }}{% if x == 2 %}{% break %}{% endif %}{% endfor %}",
        Map.of("xs", XS));
  }

  @Test
  void loopPrevNextCycle() {
    assertRenders(
        "<1>2 odd|1<2>3 even|2<3> odd|",
        "{% for x in xs %}{{ loop.previtem }}<{{ x }}>{{ loop.nextitem }} {{ loop.cycle('odd', 'even') }}|{% endfor %}",
        Map.of("xs", XS));
  }

  @Test
  void scoping() {
    assertRenders(
        "110,120,130,1if",
        "{% set x = 1 %}{% for i in xs %}{{ x }}{% set x = i * 10 %}{{ x }},{% endfor %}{{ x }}{% if true %}{% set y = 'if' %}{% endif %}{{ y }}",
        Map.of("xs", XS));
  }

  @Test
  void namespace() {
    assertRenders(
        "True 1 <Namespace {'found': True, 'last': 1}>",
        "{% set ns = namespace(found=false, last=messages|length - 1) %}{% for m in messages %}{% if m.role == 'user' %}{% set ns.found = true %}{% set ns.last = loop.index0 %}{% endif %}{% endfor %}{{ ns.found }} {{ ns.last }} {{ ns }}",
        Map.of("messages", MESSAGES));
  }

  @Test
  void slicing() {
    assertRenders(
        "[3, 2, 1] [2, 3] [1, 2] [1, 3] 3 [] bcd fdb 😀olléh 😀 (2, 3)",
        "{{ xs[::-1] }} {{ xs[1:] }} {{ xs[:-1] }} {{ xs[::2] }} {{ xs[-1] }} {{ xs[5:] }} {{ 'abcdef'[1:4] }} {{ 'abcdef'[::-2] }} {{ 'héllo😀'[::-1] }} {{ 'héllo😀'[-1] }} {{ (1, 2, 3)[1:] }}",
        Map.of("xs", XS));
  }

  @Test
  void messagesReversed() {
    assertRenders(
        "2:assistant 1:user 0:system ",
        "{% for m in messages[::-1] %}{{ (messages|length - 1) - loop.index0 }}:{{ m.role }} {% endfor %}",
        Map.of("messages", MESSAGES));
  }

  @Test
  void stringStrip() {
    assertRenders(
        "[Hello, World][Hello, World  ][  Hello, World][hi][hi\n][ab][Hello, World]",
        "[{{ s.strip() }}][{{ s.lstrip() }}][{{ s.rstrip() }}][{{ 'xxhixx'.strip('x') }}][{{ '\\n\\nhi\\n'.lstrip('\\n') }}][{{ 'ab--'.rstrip('-') }}][{{ s|trim }}]",
        Map.of("s", "  Hello, World  "));
  }

  @Test
  void stringSplit() {
    assertRenders(
        "['a', 'b', '', 'c'] ['a', 'b', 'c'] ['a', 'b c'] ['a b', 'c'] y ['a', 'b '] ['l1', 'l2', 'l3']",
        "{{ 'a,b,,c'.split(',') }} {{ '  a  b c '.split() }} {{ 'a b c'.split(' ', 1) }} {{ 'a b c'.rsplit(' ', 1) }} {{ 'x</think>y'.split('</think>')[-1] }} {{ ' a  b '.split(None, 1) }} {{ 'l1\\nl2\\r\\nl3'.splitlines() }}",
        Map.of());
  }

  @Test
  void stringTests() {
    assertRenders(
        "True True True False True",
        "{{ 'abc'.startswith('a') }} {{ 'abc'.startswith(('x', 'ab')) }} {{ 'abc'.endswith('bc') }} {{ 'abc'.endswith(('x', 'y')) }} {{ '<tool_response>x</tool_response>'.startswith('<tool_response>') }}",
        Map.of());
  }

  @Test
  void stringCase() {
    assertRenders(
        "HELLO WORLD hello They'Re Bill'S Friends Hello-World (X)y Hello SS",
        "{{ 'hello wORLD'.upper() }} {{ 'Hello'.lower() }} {{ \"they're bill's friends\".title() }} {{ 'hello-world (x)y'|title }} {{ 'hELLO'|capitalize }} {{ 'ß'.upper() }}",
        Map.of());
  }

  @Test
  void stringSearch() {
    assertRenders(
        "bba 2 5 -1 2 a-b-c 2 .a.b.c.",
        "{{ 'aaa'.replace('a', 'b', 2) }} {{ 'abcabc'.find('c') }} {{ 'abcabc'.rfind('c') }} {{ 'abc'.find('z') }} {{ 'abcabc'.count('b') }} {{ '-'.join(['a', 'b', 'c']) }} {{ 'héllo'.find('l') }} {{ 'abc'.replace('', '.') }}",
        Map.of());
  }

  @Test
  void tojson() {
    assertRenders(
        "[{\"name\": \"get_weather\", \"parameters\": {\"city\": \"Zürich\", \"units\": [\"c\", \"f\"], \"n\": 2, \"x\": 1.5, \"ok\": true, \"none\": null, \"empty\": {}, \"list\": []}}]\n{\n  \"city\": \"Zürich\",\n  \"units\": [\n    \"c\",\n    \"f\"\n  ],\n  \"n\": 2,\n  \"x\": 1.5,\n  \"ok\": true,\n  \"none\": null,\n  \"empty\": {},\n  \"list\": []\n}\n\"é \\\"q\\\" \\n 😀\" [1.0, 1e+20, 0.5, 0, null] {\"a\": 2, \"b\": 1} \"\\u00e9\"",
        "{{ tools|tojson }}\n{{ tools[0].parameters|tojson(indent=2) }}\n{{ 'é \"q\" \\n 😀'|tojson }} {{ [1.0, 1e20, 0.5, -0, none]|tojson }} {{ {'b': 1, 'a': 2}|tojson(sort_keys=true) }} {{ 'é'|tojson(ensure_ascii=true) }}",
        Map.of("tools", TOOLS));
  }

  @Test
  void pythonPrinting() {
    assertRenders(
        "True False None [1, 'a', None, True, 1.5] {'a': 1, 'b': \"it's\"} (1,) (1, 'x') ['say \"hi\"', 'both \\' \"', 'tab\\t'] {'k': {'n': [None]}}",
        "{{ true }} {{ false }} {{ none }} {{ [1, 'a', none, true, 1.5] }} {{ {'a': 1, 'b': \"it's\"} }} {{ (1,) }} {{ (1, 'x') }} {{ ['say \"hi\"', 'both \\' \"', 'tab\\t'] }} {{ {'k': {'n': [none]}} }}",
        Map.of());
  }

  @Test
  void arithmetic() {
    assertRenders(
        "2.5 2.0 3 -4 2 3.0 1024 0.5 4 10 5 2.5 0.30000000000000004 1e-05 1e+16 ababab [0, 0] a1None 2",
        "{{ 5/2 }} {{ 4/2 }} {{ 7//2 }} {{ -7//2 }} {{ -7 % 3 }} {{ 7.5 // 2 }} {{ 2**10 }} {{ 2**-1 }} {{ -2**2 }} {{ 2 * 3 + 4 }} {{ 10 - 2 - 3 }} {{ 1 + 1.5 }} {{ 0.1 + 0.2 }} {{ 1e-5 }} {{ 1e16 }} {{ 3 * 'ab' }} {{ [0] * 2 }} {{ 'a' ~ 1 ~ none }} {{ true + 1 }}",
        Map.of());
  }

  @Test
  void undefined() {
    assertRenders(
        "[][False][True][dflt][][0][][][][True][False][tail]",
        "[{{ missing }}][{{ missing is defined }}][{{ missing is undefined }}][{{ missing|default('dflt') }}][{% for x in missing %}x{% endfor %}][{{ missing|length }}][{{ messages[0].nope }}][{{ messages[9] }}][{{ 'x' if false }}][{{ missing == missing2 }}][{{ messages[0].nope is defined }}][{{ missing ~ 'tail' }}]",
        Map.of("messages", MESSAGES));
  }

  @Test
  void macro() {
    assertRenders(
        "Hello, Bob! Hi, Al! Hello, X! <Macro 'greet'> why!",
        "{% macro greet(name, greeting='Hello') %}{{ greeting }}, {{ name }}!{% endmacro %}{{ greet('Bob') }} {{ greet('Al', greeting='Hi') }} {{ greet(name='X') }} {{ greet }}{% set suffix = '?' %}{% macro ask(q) %}{{ q }}{{ suffix }}{% endmacro %}{% set suffix = '!' %} {{ ask('why') }}",
        Map.of());
  }

  @Test
  void macroVarargs() {
    assertRenders(
        "1(2, 3){'k': 'v'}",
        "{% macro m(a) %}{{ a }}{{ varargs }}{{ kwargs }}{% endmacro %}{{ m(1, 2, 3, k='v') }}",
        Map.of());
  }

  @Test
  void isTests() {
    assertRenders(
        "True True True True True False True True True False True True False True True True True True True True True True True True False",
        "{{ none is none }} {{ 'a' is string }} {{ 3 is number }} {{ true is number }} {{ 3 is integer }} {{ 3.0 is integer }} {{ 3.0 is float }} {{ {} is mapping }} {{ 'abc' is iterable }} {{ 3 is iterable }} {{ [1] is sequence }} {{ true is true }} {{ 1 is true }} {{ false is false }} {{ true is boolean }} {{ 4 is even }} {{ 3 is odd }} {{ 3 is equalto 3 }} {{ 3 is eq 3 }} {{ 2 is ne 3 }} {{ 9 is divisibleby 3 }} {{ 2 is in [1, 2] }} {{ 5 is gt 3 }} {{ 'ab' is lower }} {{ none is not none }}",
        Map.of());
  }

  @Test
  void precedence() {
    assertRenders(
        "True True 2 2 a6 yes fallback True False True True True True",
        "{{ not xs|length == 1 }} {{ not (xs|length == 1) }} {{ 1 if 0 else 2 if 1 else 3 }} {{ xs|length - 1 }} {{ 'a' ~ 2 * 3 }} {{ true and 'yes' }} {{ 0 or 'fallback' }} {{ 1 < 2 < 3 }} {{ 3 > 2 > 2 }} {{ 2 in xs }} {{ 5 not in xs }} {{ 'ell' in 'hello' }} {{ 'a' in {'a': 1} }}",
        Map.of("xs", XS));
  }

  @Test
  void filtersSequences() {
    assertRenders(
        "3 3 1, 2, 3 1 3 [3, 2, 1] cba 6 3 1 ['A', 'a', 'b'] ['b', 'A'] [[1, 2], [3]] [1, 2, 3] ['a', 'b'] 1-2-3 [1, 3] [2]",
        "{{ xs|length }} {{ xs|count }} {{ xs|join(', ') }} {{ xs|first }} {{ xs|last }} {{ xs|reverse|list }} {{ 'abc'|reverse }} {{ xs|sum }} {{ xs|max }} {{ xs|min }} {{ ['b', 'A', 'a']|sort }} {{ ['b', 'A', 'a', 'B']|unique|list }} {{ xs|batch(2)|list }} {{ xs|list }} {{ 'ab'|list }} {{ xs|map('string')|join('-') }} {{ xs|select('odd')|list }} {{ xs|reject('odd')|list }}",
        Map.of("xs", XS));
  }

  @Test
  void filtersDicts() {
    assertRenders(
        "['system', 'user', 'assistant'] Hi there [{'role': 'assistant', 'content': 'Hello!'}] [('a', 2), ('b', 1)] [('a', 2), ('b', 1)] [('x', 1)] ['role', 'content'] 1 dflt ['a']",
        "{{ messages|map(attribute='role')|list }} {{ messages|selectattr('role', 'equalto', 'user')|map(attribute='content')|first }} {{ messages|rejectattr('role', 'in', ['system', 'user'])|list }} {{ {'b': 1, 'a': 2}|dictsort }} {{ {'b': 1, 'a': 2}|dictsort(by='value', reverse=true) }} {{ {'x': 1}|items|list }} {{ messages[0]|list }} {{ {'a': 1}.get('a') }} {{ {'a': 1}.get('z', 'dflt') }} {{ {'a': 1}.keys()|list }}",
        Map.of("messages", MESSAGES));
  }

  @Test
  void filtersStrings() {
    assertRenders(
        "[a\n  b\n\n  c][  a\n  b][a\n> \n> b][3][Hello There][ABC][   abc   ][a long...][42][x]",
        "[{{ 'a\\nb\\n\\nc'|indent(2) }}][{{ 'a\\nb'|indent(2, true) }}][{{ 'a\\n\\nb'|indent('> ', blank=true) }}][{{ 'one two  three'|wordcount }}][{{ 'Hello World'|replace('World', 'There') }}][{{ 'abc'|upper }}][{{ 'abc'|center(9) }}][{{ 'a long sentence here'|truncate(12) }}][{{ 42|string }}][{{ 'x'|safe }}]",
        Map.of());
  }

  @Test
  void filtersNumbers() {
    assertRenders(
        "42 42 0 7 26 3.5 4.0 0.0 3 2.0 4.0 2.67 3.0 4.0 3 empty zero",
        "{{ '42'|int }} {{ '42.7'|int }} {{ 'x'|int }} {{ 'x'|int(7) }} {{ '0x1A'|int(0, 16) }} {{ '3.5'|float }} {{ 4|float }} {{ 'x'|float }} {{ -3|abs }} {{ 2.5|round }} {{ 3.5|round }} {{ 2.675|round(2) }} {{ 3.7|round(0, 'floor') }} {{ 3.2|round(0, 'ceil') }} {{ 3|round }} {{ ''|default('empty', true) }} {{ 0|d('zero', true) }}",
        Map.of());
  }

  @Test
  void generatorsAreTruthy() {
    assertRenders(
        "truthy 0",
        "{% if xs|select('greaterthan', 10) %}truthy{% endif %} {{ (xs|select('greaterthan', 10)|list)|length }}",
        Map.of("xs", XS));
  }

  @Test
  void generationTag() {
    assertRenders(
        "Hello![]",
        "{% for m in messages %}{% if m.role == 'assistant' %}{% generation %}{{ m.content }}{% set inner = 1 %}{% endgeneration %}{% endif %}{% endfor %}[{{ inner }}]",
        Map.of("messages", MESSAGES));
  }

  @Test
  void setBlock() {
    assertRenders(
        "[  Hi Ann  ][HI ANN]",
        "{% set greeting %}  Hi {{ name }}  {% endset %}[{{ greeting }}]{% set trimmed | trim | upper %}  Hi {{ name }}  {% endset %}[{{ trimmed }}]",
        Map.of("name", "Ann"));
  }

  @Test
  void withAndFilterBlock() {
    assertRenders(
        "3[]LOUD ANN",
        "{% with a = 1, b = 2 %}{{ a + b }}{% endwith %}[{{ a }}]{% filter upper %}loud {{ name }}{% endfilter %}",
        Map.of("name", "Ann"));
  }

  @Test
  void stringLiterals() {
    assertRenders(
        "tab\there|quote\"s|éA|ab|back\\slash|\\d",
        "{{ 'tab\\there' }}|{{ \"quote\\\"s\" }}|{{ '\\u00e9\\x41' }}|{{ 'a' 'b' }}|{{ 'back\\\\slash' }}|{{ '\\d' }}",
        Map.of());
  }

  @Test
  void rangeAndDict() {
    assertRenders(
        "[0, 1, 2] [1, 4, 7] range(0, 3) {'a': 1, 'b': [2]} {'k': 'v'}",
        "{{ range(3)|list }} {{ range(1, 10, 3)|list }} {{ range(3) }} {{ dict(a=1, b=[2]) }} {{ dict([('k', 'v')]) }}",
        Map.of());
  }

  @Test
  void strftime() {
    assertRenders(
        "14 Mar 2025|2025-03-14 09:26:53|Friday March 073 AM 09 25 Fri %",
        "{{ strftime_now('%d %b %Y') }}|{{ strftime_now('%Y-%m-%d %H:%M:%S') }}|{{ strftime_now('%A %B %j %p %I %y %a %%') }}",
        Map.of());
  }

  @Test
  void dictViews() {
    assertRenders(
        "dict_items([('a', 1)]) dict_keys(['a']) dict_values([1]) 2",
        "{{ {'a': 1}.items() }} {{ {'a': 1}.keys() }} {{ {'a': 1}.values() }} {{ {'a': 1, 'b': 2}.items()|length }}",
        Map.of());
  }

  @Test
  void llama31Idioms() {
    assertRenders(
        "<|begin_of_text|><|start_header_id|>system<|end_header_id|>\n\nEnvironment: ipython\nCutting Knowledge Date: December 2023\nToday Date: 14 Mar 2025\n\nBe brief.<|eot_id|><|start_header_id|>user<|end_header_id|>\n\nGiven the following functions, please respond with a JSON for a function call {\n    \"name\": \"get_weather\",\n    \"parameters\": {\n        \"city\": \"Zürich\",\n        \"units\": [\n            \"c\",\n            \"f\"\n        ],\n        \"n\": 2,\n        \"x\": 1.5,\n        \"ok\": true,\n        \"none\": null,\n        \"empty\": {},\n        \"list\": []\n    }\n}\n\nHi there<|eot_id|><|start_header_id|>assistant<|end_header_id|>\n\nHello!<|eot_id|>\"sunny, 21 °C\"<|start_header_id|>assistant<|end_header_id|>\n\n",
        """
        {%- if custom_tools is defined %}
            {%- set tools = custom_tools %}
        {%- endif %}
        {%- if not tools_in_user_message is defined %}
            {%- set tools_in_user_message = true %}
        {%- endif %}
        {%- if not date_string is defined %}
            {%- if strftime_now is defined %}
                {%- set date_string = strftime_now("%d %b %Y") %}
            {%- else %}
                {%- set date_string = "26 Jul 2024" %}
            {%- endif %}
        {%- endif %}
        {%- if messages[0]['role'] == 'system' %}
            {%- set system_message = messages[0]['content']|trim %}
            {%- set messages = messages[1:] %}
        {%- else %}
            {%- set system_message = "" %}
        {%- endif %}
        {{- bos_token }}
        {{- "<|start_header_id|>system<|end_header_id|>\\n\\n" }}
        {%- if tools is not none %}
            {{- "Environment: ipython\\n" }}
        {%- endif %}
        {{- "Cutting Knowledge Date: December 2023\\n" }}
        {{- "Today Date: " + date_string + "\\n\\n" }}
        {{- system_message }}
        {{- "<|eot_id|>" }}
        {%- if tools_in_user_message and not tools is none %}
            {%- if messages | length != 0 %}
                {%- set first_user_message = messages[0]['content']|trim %}
                {%- set messages = messages[1:] %}
            {%- else %}
                {{- raise_exception("Cannot put tools in the first user message when there's no first user message!") }}
            {%- endif %}
            {{- '<|start_header_id|>user<|end_header_id|>\\n\\n' -}}
            {{- "Given the following functions, please respond with a JSON for a function call " }}
            {%- for t in tools %}
                {{- t | tojson(indent=4) }}
                {{- "\\n\\n" }}
            {%- endfor %}
            {{- first_user_message + "<|eot_id|>"}}
        {%- endif %}
        {%- for message in messages %}
            {%- if not (message.role == 'ipython' or message.role == 'tool' or 'tool_calls' in message) %}
                {{- '<|start_header_id|>' + message['role'] + '<|end_header_id|>\\n\\n'+ message['content'] | trim + '<|eot_id|>' }}
            {%- elif message.role == "tool" or message.role == "ipython" %}
                {%- if message.content is mapping or message.content is iterable %}
                    {{- message.content | tojson }}
                {%- else %}
                    {{- message.content }}
                {%- endif %}
            {%- endif %}
        {%- endfor %}
        {%- if add_generation_prompt %}
            {{- '<|start_header_id|>assistant<|end_header_id|>\\n\\n' }}
        {%- endif %}
        """,
        Map.of(
            "messages",
            withToolTurn(MESSAGES),
            "tools",
            TOOLS,
            "bos_token",
            "<|begin_of_text|>",
            "add_generation_prompt",
            true));
  }

  // ---- errors: jinja2 raises these too (messages from jinja2 3.1.6), we add the line ----

  @Test
  void raiseExceptionThrowsWithTheMessageAndLine() {
    assertFails(
        "{% if messages|length > 1 %}\n  {{ raise_exception('Conversation roles must alternate') }}\n{% endif %}",
        Map.of("messages", MESSAGES), "Conversation roles must alternate", "test template, line 2");
  }

  @Test
  void attributeOfUndefinedRaises() {
    assertFails("ok\n{{ missing.attr }}", Map.of(), "'missing' is undefined", "line 2");
    assertFails(
        "{{ messages[9].role }}", Map.of("messages", MESSAGES), "list object has no element 9");
    assertFails("{{ none_value.x.y }}", nullValue("none_value"), "'None' has no attribute 'x'");
  }

  @Test
  void pythonTypeErrorsRaise() {
    assertFails("{{ 'a' + 1 }}", Map.of(), "can only concatenate str (not \"int\") to str");
    assertFails("{{ missing + 1 }}", Map.of(), "'missing' is undefined");
    assertFails(
        "{{ 'a' < 1 }}", Map.of(), "'<' not supported between instances of 'str' and 'int'");
    assertFails(
        "{{ xs|select('odd')|length }}",
        Map.of("xs", XS),
        "object of type 'generator' has no len()");
    assertFails("{{ 1 // 0 }}", Map.of(), "integer division or modulo by zero");
  }

  @Test
  void runawayMacroRecursionFails() {
    // jinja2 ends this with Python's RecursionError.
    assertFails(
        "{% macro r(n) %}{{ r(n + 1) }}{% endmacro %}{{ r(0) }}", Map.of(), "nests too deeply");
  }

  @Test
  void sandboxRejectsMutation() {
    assertFails(
        "{{ xs.append(4) }}",
        Map.of("xs", XS),
        "access to attribute 'append' of 'list' object is unsafe.");
  }

  @Test
  void syntaxErrorsNameTheLine() {
    assertFails("a\n{% for x in %}{% endfor %}", Map.of(), "line 2", "Expected an expression");
    assertFails(
        "{% if x %}\nno end",
        Map.of(),
        "line 2",
        "Unexpected end of template. Jinja was looking for the following tags: 'elif' or 'else' or"
            + " 'endif'.");
    assertFails("{% break %}", Map.of(), "'break' outside loop");
    assertFails("x\n\n{{ xs|frobnicate }}", Map.of(), "line 3", "No filter named 'frobnicate'.");
    assertFails("{{ x is frobnicated }}", Map.of(), "No test named 'frobnicated'.");
    assertFails("{% frobnicate %}", Map.of(), "Encountered unknown tag 'frobnicate'.");
  }

  // ---- constructs this engine does not cover: they must fail loudly, naming construct and line
  // ----

  @Test
  void unsupportedTagsFailWithLine() {
    assertFails(
        "a\nb\n{% include 'other.jinja' %}", Map.of(), "line 3", "{% include %}", "not supported");
    assertFails("{% call m() %}x{% endcall %}", Map.of(), "line 1", "{% call %}");
    assertFails("{% extends 'base' %}", Map.of(), "{% extends %}");
  }

  @Test
  void unsupportedExpressionsFailWithLine() {
    assertFails(
        "\n{{ xs|groupby('a') }}", Map.of("xs", XS), "line 2", "'groupby' filter", "not supported");
    assertFails(
        "{{ '%s!' % name }}", Map.of("name", "x"), "line 1", "printf-style", "not supported");
    assertFails("{{ '{}'.format(1) }}", Map.of(), "str.format()", "not supported");
    // Python would print a memory address here.
    assertFails(
        "{{ xs|map('string') }}", Map.of("xs", XS), "printing a generator", "not supported");
    assertFails("{{ strftime_now('%Z') }}", Map.of(), "strftime directive %Z", "not supported");
    // jinja2 returns Markup here, which escapes what is later added to it; not modelled.
    assertFails("{{ '<b>'|e + '<i>' }}", Map.of(), "'e' filter", "not supported");
  }

  @Test
  void renderRejectsUnknownJavaTypes() {
    assertFails("{{ x }}", Map.of("x", new Object()), "template value x", "java.lang.Object");
  }

  private static Map<String, Object> nullValue(String name) {
    Map<String, Object> m = new HashMap<>();
    m.put(name, null);
    return m;
  }

  @Test
  void renderingIsRepeatable() {
    Template template = Template.parse("{% for x in xs %}{{ x }}{% endfor %}", "t");
    Map<String, Object> context = Map.of("xs", Arrays.asList(1, 2));
    assertEquals(template.render(context, CLOCK), template.render(context, CLOCK));
  }
}
