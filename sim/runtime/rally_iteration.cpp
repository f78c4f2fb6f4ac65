// Rally task workloads run as `rally task start` runs them: one workload after another (each with
// its contexts set up first), iterations driven by the workload's runner, and each iteration the
// scenario's atomic actions in order, every wait done the way rally-openstack waits: the client's
// pre-poll delay, then GET polls at the poll interval until the ready status, a failure status or
// the timeout (rally/task/utils.py::wait_for_status). Failing steps end the iteration with Rally's
// error ([type, message, traceback]); later steps do not run.
//
// The scenario-format `volume:` stream reuses the same steps (create, attach, hold, detach, delete)
// with its own poll interval, one request record per volume.
#include <algorithm>
#include <cmath>
#include <random>

#include "sim/runtime/workload.hpp"

namespace bfv {

namespace sg4 = simgrid::s4u;

namespace {

// novaclient / cinderclient exception class for an HTTP status (novaclient/exceptions.py::_code_map).
std::string client_exception(int status) {
  switch (status) {
    case 400: return "BadRequest";
    case 401: return "Unauthorized";
    case 403: return "Forbidden";
    case 404: return "NotFound";
    case 409: return "Conflict";
    case 413: return "OverLimit";
    default: return "ClientException";
  }
}

struct Polls {
  double vol_prepoll, vol_interval, vol_timeout;
  double vol_delete_interval, vol_delete_timeout;
  double attach_interval, attach_timeout, detach_interval, detach_timeout;
};

}  // namespace

void Workload::rally_task(std::vector<size_t> streams) {
  for (size_t i : streams) rally_workload(i);
}

void Workload::rally_workload(size_t stream) {
  const auto& st = s_.workload[stream];
  const auto& a = st.arrival;
  RallyWorkloadRun run;
  run.stream = st.name;
  run.started_at = ctx_.now();
  auto& cinder = nova_.cinder();
  const infra::Caller client{-1, infra::Endpoint{ctx_.platform.controller}};  // Rally's client: no track of its own
  std::vector<std::string> ctx_volumes;
  if (st.ctx_volumes_per_tenant > 0) {
    // rally_openstack/task/contexts/cinder/volumes.py::VolumeGenerator.setup: per tenant, per volume,
    // cinder create_volume (pre-poll, then polls until available), one after another.
    for (const auto& project : st.rally_projects)
      for (int n = 0; n < st.ctx_volumes_per_tenant; ++n) {
        auto cr = cinder.create_volume(
            client, {project, st.ctx_volume_size, std::nullopt, std::nullopt, st.ctx_volume_type, ""});
        if (!cr.verdict.ok()) continue;
        ctx_volumes.push_back(cr.volume_id);
        sg4::this_actor::sleep_for(kRallyVolumePrepoll);
        double start = ctx_.now();
        for (;;) {
          auto s = cinder.get_status(client, cr.volume_id);
          if (s == "available" || s == "error" || ctx_.now() - start > kRallyVolumeTimeout) break;
          sg4::this_actor::sleep_for(kRallyPollInterval);
        }
      }
  }
  const double t0 = ctx_.now();
  auto finished = sg4::Semaphore::create(0);
  int launched = 0;
  if (a.kind == ArrivalKind::RallyRps) {
    // rally/plugins/task/runners/rps.py: iteration k starts at k / rps, whatever the others do,
    // unless max_concurrency iterations are still running (then it starts when one ends).
    auto slots = sg4::Semaphore::create(static_cast<unsigned>(std::max(1, a.concurrency)));
    for (int k = 0; k < st.count; ++k) {
      double at = t0 + k / a.rate_per_s;
      if (at > ctx_.now()) sg4::this_actor::sleep_until(at);
      slots->acquire();
      rally_iterations_.submit([this, stream, k, finished, slots] {
        rally_iteration(stream, k);
        slots->release();
        finished->release();
      });
      ++launched;
    }
  } else {
    // constant / serial / constant_for_duration: `concurrency` workers, each starting its next
    // iteration when the previous one ends (rally/plugins/task/runners/constant.py).
    int conc = a.kind == ArrivalKind::RallySerial ? 1 : a.concurrency;
    auto next = std::make_shared<int>(0);
    for (int c = 0; c < conc; ++c)
      spawn("rally-worker", ctx_.platform.controller, kDeepStack, [this, stream, t0, next, finished] {
        const auto& s = s_.workload[stream];
        for (;;) {
          if (s.arrival.kind == ArrivalKind::RallyConstantForDuration && ctx_.now() >= t0 + s.arrival.duration_s) break;
          if (*next >= s.count) break;
          int k = (*next)++;
          rally_iteration(stream, k);
        }
        finished->release();
      });
    launched = conc;
  }
  for (int n = 0; n < launched; ++n) finished->acquire();
  run.finished_at = ctx_.now();
  // The volumes context's cleanup deletes its volumes (untimed by Rally; the backend still works).
  for (const auto& v : ctx_volumes) cinder.delete_volume(client, v);
  ctx_.result.rally_workloads.push_back(run);
}

void Workload::rally_iteration(size_t stream, int k) {
  const auto& st = s_.workload[stream];
  const auto& sp = st.steps;
  const bool rally = st.kind == StreamKind::Rally;
  auto& cinder = nova_.cinder();
  const infra::Caller client{-1, infra::Endpoint{ctx_.platform.controller}};  // Rally's client: no track of its own
  const std::string project =
      st.rally_projects.empty() ? st.project : st.rally_projects[static_cast<size_t>(k) % st.rally_projects.size()];
  const Polls polls =
      rally ? Polls{kRallyVolumePrepoll, kRallyPollInterval,  kRallyVolumeTimeout,
                    kRallyPollInterval,  kRallyVolumeTimeout, kRallyAttachPoll,
                    kRallyAttachTimeout, kRallyDetachPoll,    kRallyDetachTimeout}
            : Polls{sp.poll_s, sp.poll_s,           kRallyVolumeTimeout, sp.poll_s,          kRallyVolumeTimeout,
                    sp.poll_s, kRallyAttachTimeout, sp.poll_s,           kRallyDetachTimeout};
  RallyIteration it;
  it.stream = st.name;
  it.index = k;
  it.timestamp = ctx_.now();
  const std::string cv = sp.cinder_prefix;

  auto begin = [&](const std::string& name) {
    it.atomic_actions.push_back({name, ctx_.now(), ctx_.now(), false});
    return it.atomic_actions.size() - 1;
  };
  auto end = [&](size_t a, bool ok) {
    it.atomic_actions[a].finished_at = ctx_.now();
    it.atomic_actions[a].failed = !ok;
    return ok;
  };
  auto error = [&](size_t a, const std::string& type, const std::string& msg) {
    it.error = {type, msg,
                "Traceback (most recent call last):\n  (simulated by bfvsim: " + it.atomic_actions[a].name + ")\n" +
                    type + ": " + msg};
    return end(a, false);
  };
  // rally/task/utils.py::wait_for_status on a volume: a GET now, then sleep interval, GET, ... until
  // `ready`; "error" fails it, so does the timeout (checked after each sleep). "deleted" = 404 (check_deletion).
  auto wait_volume = [&](size_t a, const std::string& vid, const std::string& ready, double interval, double timeout) {
    double start = ctx_.now();
    std::string status;
    for (;;) {
      status = cinder.get_status(client, vid);
      if (status == ready) return end(a, true);
      if (status == sem::volume_status::kError)
        return error(a, "GetResourceErrorStatus",
                     "Resource <Volume: " + vid + "> has ERROR status.\nFault: Status in failure list ['ERROR']");
      if (status == sem::volume_status::kDeleted)
        return error(a, "GetResourceNotFound", "Resource <Volume: " + vid + "> is not found");
      sg4::this_actor::sleep_for(interval);
      if (ctx_.now() - start > timeout) {
        char msg[512];
        std::snprintf(msg, sizeof msg,
                      "Rally tired waiting %.2f seconds for Volume %s:%s to become ('%s') current status %s", timeout,
                      vid.c_str(), vid.c_str(), ready == "deleted" ? "DELETED" : ready.c_str(), status.c_str());
        return error(a, "TimeoutException", msg);
      }
    }
  };
  auto size_gb = [&] {
    if (sp.size_min_gb == sp.size_max_gb) return sp.size_min_gb;
    return std::uniform_int_distribution<int>(sp.size_min_gb, sp.size_max_gb)(ctx_.rng);  // random.randint(min, max)
  };
  // cinder_v3.create_volume: rally_openstack/common/services/storage/cinder_common.py::create_volume
  // -> _wait_available_volume: sleep(cinder_volume_create_prepoll_delay), then wait_for_status(available).
  auto create_volume = [&](const std::optional<std::string>& image) -> std::optional<std::string> {
    size_t a = begin(cv + ".create_volume");
    auto cr = cinder.create_volume(client, {project, size_gb(), image, std::nullopt, sp.volume_type, sp.volume_az});
    if (!cr.verdict.ok()) {
      error(a, client_exception(cr.verdict.status),
            cr.verdict.error + " (HTTP " + std::to_string(cr.verdict.status) + ")");
      return std::nullopt;
    }
    sg4::this_actor::sleep_for(polls.vol_prepoll);
    if (!wait_volume(a, cr.volume_id, "available", polls.vol_interval, polls.vol_timeout)) return std::nullopt;
    return cr.volume_id;
  };
  // rally/task/utils.py::wait_for_status on a server, update_resource=get_from_manager(): a GET
  // /servers/{id} through nova-api now, then sleep(interval), GET, ... until `ready` ("" = 404, what
  // check_deletion waits for); ERROR fails it (get_from_manager raises GetResourceErrorStatus with the
  // server's fault), so does the timeout, checked after each sleep. Each GET is a real request: a
  // nova-api worker, its CPU and an instance query, queued behind everyone else's.
  auto wait_server = [&](size_t a, int server_req, const std::string& ready, double interval, double timeout) {
    const auto& rec = ctx_.req(server_req);
    double start = ctx_.now();
    std::string status = "BUILD";
    for (;;) {
      std::string now_status = nova_.show_server(client, server_req);
      if (now_status == ready) return end(a, true);
      if (now_status.empty())
        return error(a, "GetResourceNotFound", "Resource <Server: " + rec.name + "> is not found");
      status = now_status;
      if (status == "ERROR")
        return error(a, "GetResourceErrorStatus",
                     "Resource <Server: " + rec.name + "> has ERROR status.\nFault: " + rec.fault.value_or(""));
      sg4::this_actor::sleep_for(interval);
      if (ctx_.now() - start > timeout) {
        char msg[512];
        std::snprintf(msg, sizeof msg,
                      "Rally tired waiting %.2f seconds for Server %s to become ('%s') current status %s", timeout,
                      rec.name.c_str(), ready.empty() ? "DELETED" : ready.c_str(), status.c_str());
        return error(a, "TimeoutException", msg);
      }
    }
  };
  // nova.boot_server: rally_openstack/task/scenarios/nova/utils.py::NovaScenario._boot_server (and
  // Rally 0.7's, which the published runs used): POST /servers,
  // sleep(nova_server_boot_prepoll_delay), then wait_for_status(ACTIVE) with GETs every
  // nova_server_boot_poll_interval, nova_server_boot_timeout.
  auto boot = [&](const nlohmann::json* body) -> int {
    int id = static_cast<int>(ctx_.result.requests.size());
    size_t a = begin("nova.boot_server");
    submit(stream, k, body);
    it.atomic_actions[a].started_at = ctx_.req(id).t_submit;
    const auto& rec = ctx_.req(id);
    if (rec.final_status == FinalStatus::Rejected) {
      error(a, client_exception(rec.api_status),
            rec.api_error.value_or("") + " (HTTP " + std::to_string(rec.api_status) + ")");
      return -1;
    }
    sg4::this_actor::sleep_for(kRallyBootPrepoll);
    if (!wait_server(a, id, "ACTIVE", kRallyPollInterval, kRallyBootTimeout)) return -1;  // the server keeps building
    return id;
  };
  auto sleep_between = [&] {
    // rally/task/scenario.py::Scenario.sleep_between: uniform(min, max), counted as idle time
    if (sp.sleep_max_s <= 0) return;
    double d = sp.sleep_min_s == sp.sleep_max_s
                   ? sp.sleep_min_s
                   : std::uniform_real_distribution<double>(sp.sleep_min_s, sp.sleep_max_s)(ctx_.rng);
    it.idle_duration += d;
    sg4::this_actor::sleep_for(d);
  };

  int server = -1;
  std::optional<std::string> vol;
  bool ok = true, volume_deleted = false;
  double t_available = -1;
  std::vector<std::pair<PhaseName, double>> phases;  // `volume:` streams: what the request record shows
  auto phase_of_last = [&](const std::string& name) {
    const auto& x = it.atomic_actions.back();
    phases.emplace_back(name, x.finished_at - x.started_at);
  };
  if (sp.volume_first) {
    vol = create_volume(sp.volume_image);
    ok = vol.has_value();
  }
  if (ok && sp.boot) {
    nlohmann::json body = st.body;
    if (sp.volume_first)
      body["server"]["block_device_mapping"] =
          nlohmann::json::array({{{"device_name", "vda"}, {"volume_id", *vol}, {"delete_on_termination", "0"}}});
    server = boot(&body);
    ok = server >= 0;
  }
  if (ok && sp.create_volume) {
    vol = create_volume(sp.volume_first ? std::nullopt : sp.volume_image);
    ok = vol.has_value();
    if (ok) t_available = ctx_.now();
    if (!rally) phase_of_last("volume_create");
  }
  if (ok && !rally && !sp.attach_to.empty()) {
    // `volume:` stream: the server of stream attach_to with the same index, once it is ACTIVE.
    size_t target = 0;
    for (size_t i = 0; i < s_.workload.size(); ++i)
      if (s_.workload[i].name == sp.attach_to) target = i;
    const int n = s_.workload[target].count;
    const size_t want = static_cast<size_t>(k % n);
    size_t a = begin("wait_server");
    double start = ctx_.now();
    for (;;) {
      const auto& reqs = stream_requests_[target];
      if (reqs.size() > want) {
        const auto& fs = ctx_.req(reqs[want]).final_status;
        if (fs == FinalStatus::Active) {
          server = reqs[want];
          end(a, true);
          break;
        }
        if (fs == FinalStatus::Error || fs == FinalStatus::Rejected || fs == FinalStatus::Deleted) {
          ok = error(
              a, "GetResourceErrorStatus",
              "server " + ctx_.req(reqs[want]).name + " of stream " + sp.attach_to + " is " + std::string(name(fs)));
          break;
        }
      }
      if (ctx_.now() - start > kRallyBootTimeout) {
        ok =
            error(a, "TimeoutException", "no ACTIVE server " + std::to_string(want + 1) + " in stream " + sp.attach_to);
        break;
      }
      sg4::this_actor::sleep_for(sp.poll_s);
    }
    it.atomic_actions.pop_back();  // not an API action: kept out of the atomics
  }
  if (ok && sp.attach && server >= 0) {
    // nova.attach_volume: NovaScenario._attach_volume (POST os-volume_attachments, then the volume polled until in-use)
    size_t a = begin("nova.attach_volume");
    auto v = nova_.attach_volume(server, *vol, client.from);
    if (!v.ok())
      ok = error(a, client_exception(v.status), v.error + " (HTTP " + std::to_string(v.status) + ")");
    else
      ok = wait_volume(a, *vol, "in-use", polls.attach_interval, polls.attach_timeout);
    if (!rally) phase_of_last("volume_attach");
    if (ok && !rally && sp.hold_s > 0) sg4::this_actor::sleep_for(sp.hold_s);
    if (ok) {
      // nova.detach_volume: NovaScenario._detach_volume (DELETE os-volume_attachments/{id}, then polled until available)
      size_t d = begin("nova.detach_volume");
      auto dv = nova_.detach_volume(server, *vol, client.from);
      if (!dv.ok())
        ok = error(d, client_exception(dv.status), dv.error + " (HTTP " + std::to_string(dv.status) + ")");
      else
        ok = wait_volume(d, *vol, "available", polls.detach_interval, polls.detach_timeout);
      if (!rally) phase_of_last("volume_detach");
    }
  }
  if (ok && (sp.delete_volume || sp.delete_server) && !sp.attach) sleep_between();
  if (ok && sp.delete_volume) {
    // cinder_v3.delete_volume: DELETE, then wait_for_status(check_deletion) every
    // cinder_volume_delete_poll_interval, cinder_volume_delete_timeout.
    size_t a = begin(cv + ".delete_volume");
    if (!cinder.delete_volume(client, *vol))
      ok = error(
          a, "BadRequest",
          "Invalid volume: Volume status must be available or error or error_restoring or error_extending or "
          "error_managing and must not be migrating, attached, belong to a group, have snapshots or be disassociated "
          "from snapshots after volume transfer. (HTTP 400)");
    else
      ok = wait_volume(a, *vol, "deleted", polls.vol_delete_interval, polls.vol_delete_timeout);
    volume_deleted = ok;
    if (!rally) phase_of_last("volume_delete");
  }
  if (ok && sp.delete_server && server >= 0) {
    // nova.delete_server: rally_openstack/task/scenarios/nova/utils.py::NovaScenario._delete_server
    // (the same in Rally 0.7): server.delete() (DELETE /servers/{id}, answered 204 before the
    // compute terminates), then wait_for_status(["deleted"], check_deletion=True) at once, GETs every
    // nova_server_delete_poll_interval until 404, nova_server_delete_timeout. No pre-poll delay:
    // nova_server_delete_prepoll_delay is declared (rally_openstack/common/cfg/nova.py) but
    // _delete_server never sleeps it.
    size_t a = begin("nova.delete_server");
    ctx_.req(server).t_delete_requested = ctx_.now();
    if (!nova_.delete_server_async(server, client.from))
      ok = error(a, "NotFound", "Instance " + ctx_.req(server).name + " could not be found. (HTTP 404)");
    else
      ok = wait_server(a, server, "", kRallyPollInterval, kRallyDeleteTimeout);
  }
  // to the microsecond, as Rally's timer reads the clock: keeps float noise out of the SLA checks
  it.duration = std::round((ctx_.now() - it.timestamp - it.idle_duration) * 1e6) / 1e6;

  // The request table: a boot left its server record; an iteration without one gets a record of its
  // own (the volume it made, or the failure before any server existed).
  {
    bool submitted = std::any_of(it.atomic_actions.begin(), it.atomic_actions.end(),
                                 [](const RallyAtomic& x) { return x.name == "nova.boot_server"; });
    if (!submitted) {
      int id = new_request(st, k);
      stream_of_[id] = stream;
      stream_requests_[stream].push_back(id);
      auto& rec = ctx_.req(id);
      rec.t_submit = it.timestamp;
      rec.api_status = it.atomic_actions.empty() || !it.atomic_actions.front().failed ? 202 : 0;
      rec.phases = phases;
      if (!ok) {
        rec.final_status = FinalStatus::Error;
        rec.fault = it.error.size() > 1 ? it.error[0] + ": " + it.error[1] : "failed";
      } else {
        rec.final_status = volume_deleted ? FinalStatus::Deleted : FinalStatus::Active;
        if (t_available >= 0) rec.t_active = t_available;
        if (volume_deleted) rec.t_deleted = ctx_.now();
      }
      terminal(id);
    }
  }
  ctx_.result.rally_iterations.push_back(std::move(it));
}

}  // namespace bfv
