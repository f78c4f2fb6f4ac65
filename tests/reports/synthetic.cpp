#include "tests/reports/synthetic.hpp"

#include <cmath>

#include <fmt/format.h>

namespace bfv::test {

RunResult synthetic_run(int n) {
  RunResult r;
  r.scenario = "synthetic-storm";
  r.scenario_file = "scenarios/storms/synthetic.yaml";
  r.seed = 42;
  r.wall_seconds = 1.25;
  EventLog& log = r.log;
  const uint32_t t_api = log.track("nova-api@ctl-1"), t_cond = log.track("nova-conductor@ctl-1"),
                 t_sched = log.track("nova-scheduler@ctl-1"), t_cv = log.track("cinder-volume@cv-1"),
                 t_glance = log.track("glance-api@ctl-1");
  const uint32_t n_api = log.intern("api"), n_sched = log.intern("schedule"), n_vc = log.intern("volume_create"),
                 n_vw = log.intern("volume_wait"), n_att = log.intern("attach"), n_spawn = log.intern("spawn");
  const uint32_t r_link = log.intern("link:glance-nic"), r_disk = log.intern("disk:lvm-1"),
                 r_cpu = log.intern("cpu:cv-1"), r_queue = log.intern("queue:cinder_rpc_workers"),
                 r_poll = log.intern("poll:block_device_allocate_retries_interval"),
                 r_svc = log.intern("service:nova-api"), r_build = log.intern("queue:max_concurrent_builds");
  const uint32_t n_post = log.intern("POST /servers"), n_get = log.intern("GET /volumes/{id}"),
                 n_sleep = log.intern("sleep"), n_dl = log.intern("download"), n_conv = log.intern("convert"),
                 n_write = log.intern("write"), n_wait = log.intern("wait for worker"),
                 n_rpc = log.intern("rpc:build_and_run_instance"), n_boot = log.intern("boot");
  uint64_t state = 12345;
  auto rnd = [&] {  // deterministic, no <random> differences between libraries
    state = state * 6364136223846793005ULL + 1442695040888963407ULL;
    return double(state >> 11) / double(1ULL << 53);
  };
  for (int i = 0; i < n; ++i) {
    RequestRecord q;
    q.id = i;
    q.name = fmt::format("storm-{}", i + 1);
    q.stream = "storm";
    q.project = i % 2 ? "demo" : "alt";
    q.t_submit = 0.1 * i;
    q.bdms = nlohmann::json::array({{{"source_type", "image"},
                                     {"destination_type", "volume"},
                                     {"boot_index", 0},
                                     {"volume_size", 20},
                                     {"delete_on_termination", true}}})
                 .dump();
    const bool rejected = i % 23 == 22, error = !rejected && i % 17 == 16;
    double t = q.t_submit;
    const uint32_t compute = log.track(fmt::format("nova-compute@cmp-{:02}", i % 8));
    uint32_t api = log.begin_span(i, t_api, n_api, SpanKind::Phase, t);
    uint32_t post = log.begin_span(i, t_api, n_post, SpanKind::Rpc, t, api, -1, r_svc);
    log.end_span(post, t + 0.15);
    log.end_span(api, t + 0.2, !rejected);
    q.phases.emplace_back("api", 0.2);
    if (rejected) {
      q.api_status = 403;
      q.api_error = fmt::format("Quota exceeded for instances: Requested 1, but already used {} of 10 instances", 10);
      q.final_status = bfv::FinalStatus::Rejected;
      r.requests.push_back(std::move(q));
      continue;
    }
    q.api_status = 202;
    t += 0.2;
    double sched_s = 0.3 + 0.4 * rnd();
    uint32_t sched = log.begin_span(i, t_sched, n_sched, SpanKind::Phase, t, -1, int32_t(api));
    uint32_t sw = log.begin_span(i, t_sched, n_wait, SpanKind::Wait, t, sched, -1, r_build);
    log.end_span(sw, t + sched_s / 2);
    log.end_span(sched, t + sched_s);
    log.arrow(FlowArrow{i, n_rpc, t_cond, compute, t + sched_s - 0.01, t + sched_s});
    q.phases.emplace_back("schedule", sched_s);
    t += sched_s;
    // Cinder creates the volume while nova-compute polls for it.
    double dl = 5 + 20 * rnd() + 0.01 * i, conv = 2 + 3 * rnd(), wr = 10 + 30 * rnd();
    double qwait = (i % 64) * 0.05;
    uint32_t vc = log.begin_span(i, t_cv, n_vc, SpanKind::Phase, t);
    uint32_t w = log.begin_span(i, t_cv, n_wait, SpanKind::Wait, t, vc, -1, r_queue);
    log.end_span(w, t + qwait);
    uint32_t a1 = log.begin_span(i, t_glance, n_dl, SpanKind::Activity, t + qwait, vc, int32_t(w), r_link);
    log.end_span(a1, t + qwait + dl);
    uint32_t a2 = log.begin_span(i, t_cv, n_conv, SpanKind::Activity, t + qwait + dl, vc, int32_t(a1), r_cpu);
    log.end_span(a2, t + qwait + dl + conv);
    uint32_t a3 = log.begin_span(i, t_cv, n_write, SpanKind::Activity, t + qwait + dl + conv, vc, int32_t(a2), r_disk);
    double created = error ? t + 400 : t + qwait + dl + conv + wr;
    log.end_span(a3, created, !error);
    log.end_span(vc, created, !error);
    uint32_t vw = log.begin_span(i, compute, n_vw, SpanKind::Phase, t);
    double p = t;
    int32_t prev = -1;
    int polls = 0;
    while (true) {  // nova's loop: GET, then sleep 3 s
      uint32_t g = log.begin_span(i, compute, n_get, SpanKind::Rpc, p, vw, prev);
      log.end_span(g, p + 0.02);
      p += 0.02;
      ++polls;
      if (p >= created || polls == 61) break;
      uint32_t s = log.begin_span(i, compute, n_sleep, SpanKind::Wait, p, vw, int32_t(g), r_poll);
      log.end_span(s, p + 3);
      prev = int32_t(s);
      p += 3;
      if (polls > 12 && !error) break;  // keep ~30 spans per request
    }
    log.end_span(vw, p, !error);
    q.phases.emplace_back("volume_wait", p - t);
    if (error) {
      q.final_status = bfv::FinalStatus::Error;
      q.fault = fmt::format(
          "Volume {:08x}-1111-2222-3333-{:012x} did not finish being created even after we waited "
          "{} seconds or {} attempts. And its status is downloading.",
          0xabc000 + i, 0x1000 + i, 183, 61);
      q.host = fmt::format("cmp-{:02}", i % 8);
      q.attempts = 1;
      r.requests.push_back(std::move(q));
      continue;
    }
    t = p;
    uint32_t att = log.begin_span(i, compute, n_att, SpanKind::Phase, t, -1, int32_t(vw));
    log.end_span(att, t + 1.5);
    q.phases.emplace_back("attach", 1.5);
    t += 1.5;
    uint32_t sp = log.begin_span(i, compute, n_spawn, SpanKind::Phase, t, -1, int32_t(att));
    uint32_t b = log.begin_span(i, compute, n_boot, SpanKind::Activity, t, sp, -1, log.intern("cpu:cmp"));
    log.end_span(b, t + 4);
    log.end_span(sp, t + 5);
    q.phases.emplace_back("spawn", 5.0);
    t += 5;
    q.t_active = t;
    q.final_status = bfv::FinalStatus::Active;
    q.host = fmt::format("cmp-{:02}", i % 8);
    q.attempts = 1;
    q.cinder_path = bfv::CinderPath::Download;
    r.sim_end = std::max(r.sim_end, t);
    r.volumes.push_back(
        VolumeRecord{fmt::format("vol-{:04}", i), 20, "image:ubuntu", "in-use", "lvm-1", "lvmdriver-1", q.project, i});
    r.requests.push_back(std::move(q));
  }
  for (const auto& s : log.spans()) r.sim_end = std::max(r.sim_end, s.end);
  r.resources = {{"link:glance-nic", bfv::ResourceKind::Link, 1.25e9},
                 {"disk:lvm-1", bfv::ResourceKind::Disk, 5e8},
                 {"cpu:cv-1", bfv::ResourceKind::Cpu, 1e10},
                 {"queue:cinder_rpc_workers", bfv::ResourceKind::Pool, 64}};
  for (int k = 0; k <= 2000; ++k) {
    double t = r.sim_end * k / 2000.0;
    log.sample(Sample{t, r_link, 0.5 + 0.5 * std::sin(k * 0.01) * std::sin(k * 0.01)});
    log.sample(Sample{t, r_disk, k % 3 == 0 ? 1.0 : 0.25});
    log.sample(Sample{t, r_queue, double(k % 70)});
  }
  r.quotas = {{"demo", "nova", "instances", 10, 10}, {"alt", "cinder", "gigabytes", 200, 1000}};
  return r;
}

}  // namespace bfv::test
