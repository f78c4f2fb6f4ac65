#include "sim/scenario/rally_render.hpp"

#include <cerrno>
#include <cstring>
#include <fcntl.h>
#include <fstream>
#include <poll.h>
#include <signal.h>
#include <sstream>
#include <sys/wait.h>
#include <unistd.h>

#include "sim/scenario/rally_render_py.hpp"  // generated from sim/scenario/rally_render.py (sim/CMakeLists.txt)
#include "sim/scenario/yaml_node.hpp"

namespace bfv {
namespace {

struct Proc {
  int rc = -1;
  std::string out, err;
};

// Runs argv with `in` on stdin, collecting stdout and stderr (poll loop: no pipe deadlock).
Proc run(const std::vector<std::string>& argv, const std::string& in) {
  int pin[2], pout[2], perr[2];
  if (pipe(pin) || pipe(pout) || pipe(perr))
    throw scn::ScenarioError(std::string("cannot create a pipe: ") + std::strerror(errno));
  pid_t pid = fork();
  if (pid < 0) throw scn::ScenarioError(std::string("cannot fork: ") + std::strerror(errno));
  if (pid == 0) {
    dup2(pin[0], 0);
    dup2(pout[1], 1);
    dup2(perr[1], 2);
    for (int fd : {pin[0], pin[1], pout[0], pout[1], perr[0], perr[1]}) close(fd);
    std::vector<char*> a;
    for (const auto& s : argv) a.push_back(const_cast<char*>(s.c_str()));
    a.push_back(nullptr);
    execvp(a[0], a.data());
    std::fprintf(stderr, "cannot run %s: %s\n", a[0], std::strerror(errno));
    _exit(127);
  }
  close(pin[0]);
  close(pout[1]);
  close(perr[1]);
  signal(SIGPIPE, SIG_IGN);
  size_t written = 0;
  int in_fd = pin[1];
  if (in.empty()) {
    close(in_fd);
    in_fd = -1;
  }
  Proc p;
  bool out_open = true, err_open = true;
  char buf[65536];
  while (out_open || err_open || in_fd >= 0) {
    pollfd fds[3];
    nfds_t n = 0;
    if (out_open) fds[n++] = {pout[0], POLLIN, 0};
    if (err_open) fds[n++] = {perr[0], POLLIN, 0};
    if (in_fd >= 0) fds[n++] = {in_fd, POLLOUT, 0};
    if (::poll(fds, n, -1) < 0) {
      if (errno == EINTR) continue;
      break;
    }
    for (nfds_t i = 0; i < n; ++i) {
      if (!fds[i].revents) continue;
      if (fds[i].fd == in_fd) {
        ssize_t w = write(in_fd, in.data() + written, in.size() - written);
        if (w > 0) written += static_cast<size_t>(w);
        if (w < 0 || written == in.size()) {
          close(in_fd);
          in_fd = -1;
        }
        continue;
      }
      ssize_t r = read(fds[i].fd, buf, sizeof buf);
      bool is_out = fds[i].fd == pout[0];
      if (r <= 0) {
        (is_out ? out_open : err_open) = false;
        continue;
      }
      (is_out ? p.out : p.err).append(buf, static_cast<size_t>(r));
    }
  }
  close(pout[0]);
  close(perr[0]);
  int status = 0;
  waitpid(pid, &status, 0);
  p.rc = WIFEXITED(status) ? WEXITSTATUS(status) : 128;
  return p;
}

std::string read_file(const std::string& path, const std::string& what) {
  std::ifstream f(path);
  if (!f) throw scn::ScenarioError(what + ": cannot open file '" + path + "'");
  std::stringstream ss;
  ss << f.rdbuf();
  return ss.str();
}

}  // namespace

bool has_jinja(const std::string& text) {
  return text.find("{{") != std::string::npos || text.find("{%") != std::string::npos ||
         text.find("{#") != std::string::npos;
}

nlohmann::json rally_task_args(const std::string& raw_args, const std::string& args_file) {
  // rally/cli/commands/task.py::_load_and_validate_task: the file's mapping, updated by --task-args.
  nlohmann::json args = nlohmann::json::object();
  if (!args_file.empty()) {
    auto doc = scn::load_string(read_file(args_file, "--task-args-file"), args_file);
    auto j = doc.json();
    if (!j.is_object())
      throw scn::ScenarioError("--task-args-file: file '" + args_file +
                               "' has to be a YAML or JSON mapping of task arguments");
    args.update(j);
  }
  if (!raw_args.empty()) {
    nlohmann::json j;
    bool parsed = false;
    try {
      j = scn::load_string(raw_args, "--task-args").json();
      parsed = j.is_object();
    } catch (const scn::ScenarioError&) {
    }
    if (parsed) {
      args.update(j);
    } else {
      // Rally's fallback: "k1=v1,k2=v2" (values stay strings); anything else is an error.
      std::stringstream ss(raw_args);
      std::string pair;
      nlohmann::json kv = nlohmann::json::object();
      while (std::getline(ss, pair, ',')) {
        auto eq = pair.find('=');
        if (eq == std::string::npos)
          throw scn::ScenarioError(
              "--task-args: value has to be YAML or JSON (a mapping such as '{flavor_name: m1.small}' or "
              "'flavor_name=m1.small'), got '" +
              raw_args + "'");
        kv[pair.substr(0, eq)] = pair.substr(eq + 1);
      }
      args.update(kv);
    }
  }
  return args;
}

std::string render_rally_template(const std::string& text, const std::string& path, const nlohmann::json& args) {
  Proc p = run({"python3", "-c", kRallyRenderPy, path, args.dump()}, text);
  if (p.rc == 0) return p.out;
  std::string err = p.err;
  while (!err.empty() && (err.back() == '\n' || err.back() == '\r')) err.pop_back();
  if (p.rc == 127)
    err =
        path +
        ": the task is a Jinja2 template; rendering it needs python3 with python3-jinja2 (scripts/install-deps.sh): " +
        err;
  else if (p.rc != 3 && p.rc != 4)
    err = path + ": Jinja rendering failed (python3 exit " + std::to_string(p.rc) + "): " + err;
  throw scn::ScenarioError(err);
}

}  // namespace bfv
