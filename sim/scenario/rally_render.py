# Renders a Rally task file as `rally task start` does, with the real Jinja2 engine (Debian's
# python3-jinja2). bfvsim embeds this file and runs it as `python3 -c <this> TASK_PATH ARGS_JSON`
# with the template text on stdin (sim/scenario/rally_render.cpp); the rendered task goes to stdout.
#
# Mirrors rally/api.py::_Task.render_template: a FileSystemLoader rooted at the task file's directory
# (so {% include %} works), the template functions of _Task.create_template_functions (min, max,
# ceil, round), and the "missing argument" check with its two exemptions ({% set x = x or ... %} and
# x | default(...)). Exit 3 with "FILE:LINE: Jinja ..." on stderr for template errors, 4 when the
# jinja2 module is not installed.
import builtins
import json
import math
import os
import re
import sys
import traceback

path = sys.argv[1]
try:
    import jinja2
    import jinja2.meta
except ImportError:
    sys.stderr.write(path + ": the task is a Jinja2 template and the python3 'jinja2' module is missing "
                     "(Debian: apt-get install python3-jinja2, see scripts/install-deps.sh)\n")
    sys.exit(4)

template = sys.stdin.read()
kwargs = json.loads(sys.argv[2])


def fail(line, msg):
    where = path if line is None else "%s:%d" % (path, line)
    sys.stderr.write("%s: Jinja template error (rendering the task as `rally task start` does): %s\n" % (where, msg))
    sys.exit(3)


def is_really_missing(mis, task_template):
    # rally/api.py::_Task.render_template::is_really_missing
    if re.search(mis.join([r"{%\s*set\s+", r"\s*=\s*", r"[^\w]+"]), task_template):
        return False
    if re.search(mis + r"\s*\|\s*default\(", task_template):
        return False
    return True


def template_min(int1, int2):
    return min(int1, int2)


def template_max(int1, int2):
    return max(int1, int2)


def template_round(float1):
    return int(round(float1))


def template_ceil(float1):
    return int(math.ceil(float1))


env = jinja2.Environment(loader=jinja2.FileSystemLoader(os.path.dirname(path) or "./", encoding="utf8"))
env.globals.update({"min": template_min, "max": template_max, "ceil": template_ceil, "round": template_round})
try:
    ast = env.parse(template)
    required = jinja2.meta.find_undeclared_variables(ast)
    missing = set(required) - set(kwargs) - set(dir(builtins)) - set(env.globals)
    real_missing = sorted(m for m in missing if is_really_missing(m, template))
    if real_missing:
        # the first line that uses the first missing argument, for the position
        line = None
        for i, text in enumerate(template.splitlines(), 1):
            if re.search(r"\b%s\b" % re.escape(real_missing[0]), text):
                line = i
                break
        fail(line, ("Please specify next template task arguments: %s" if len(real_missing) > 1
                    else "Please specify template task argument: %s") % ", ".join(real_missing)
             + " (--task-args or --task-args-file)")
    rendered = env.from_string(template).render(**kwargs)
except jinja2.TemplateSyntaxError as e:
    where_file = e.filename if e.filename and e.name else None
    msg = e.message + ("" if where_file is None else " (in included template %s)" % e.name)
    fail(e.lineno, msg)
except jinja2.TemplateError as e:
    line = None
    for frame in traceback.extract_tb(e.__traceback__):
        if frame.filename == "<template>":
            line = frame.lineno
    fail(line, "%s: %s" % (type(e).__name__, e))
except Exception as e:  # errors raised by the template's own expressions (e.g. int("x"))
    line = None
    for frame in traceback.extract_tb(e.__traceback__):
        if frame.filename == "<template>":
            line = frame.lineno
    fail(line, "%s: %s" % (type(e).__name__, e))
sys.stdout.write(rendered)
