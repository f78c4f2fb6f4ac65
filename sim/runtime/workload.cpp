#include "sim/runtime/workload.hpp"

#include <algorithm>
#include <cmath>
#include <cstdio>
#include <cstdlib>
#include <optional>
#include <stdexcept>
#include <unistd.h>

#include "models/semantics/cli.hpp"
#include "models/semantics/glance_api.hpp"

namespace bfv {

namespace sg4 = simgrid::s4u;

Workload::Workload(SimContext& ctx, const Scenario& s, nova::Nova& nova, glance::Glance& glance, CloudDb& db,
                   bool progress)
    : ctx_(ctx),
      s_(s),
      nova_(nova),
      glance_(glance),
      db_(db),
      progress_(progress),
      requests_("request", ctx.platform.controller, 0, kApiStack, kIdleServiceWorkers),
      requests_cli_("request-cli", ctx.platform.controller, 0, kDeepStack, kIdleServiceWorkers),
      rally_iterations_("rally-iteration", ctx.platform.controller, 0, kDeepStack, kIdleServiceWorkers) {
  const auto& w = s.workload;
  remaining_up_.resize(w.size());
  stream_requests_.resize(w.size());
  size_t capacity = 0;
  for (size_t i = 0; i < w.size(); ++i) {
    remaining_up_[i] = w[i].count;
    total_ += static_cast<size_t>(w[i].count);
    // max_count > 1 adds one record per extra instance (Nova caps it by quota; 1000 is a generous bound)
    // (max_count defaults to min_count, so both bound it)
    size_t per = 1;
    for (const char* key : {"max_count", "min_count"})
      if (w[i].body.contains("server") && w[i].body["server"].contains(key)) {
        const auto& m = w[i].body["server"][key];
        if (m.is_number_integer())
          per = std::max(per, static_cast<size_t>(std::clamp<long long>(m.get<long long>(), 1, 1000)));
        else if (m.is_string())
          per = std::max(per, static_cast<size_t>(std::clamp(std::atoll(m.get<std::string>().c_str()), 1LL, 1000LL)));
      }
    if (!w[i].cli.empty()) per = 1000;  // --max N is only known after parsing
    if (w[i].kind == StreamKind::Rally || w[i].kind == StreamKind::Volume)
      per = 2;  // a server and/or a volume record per iteration
    capacity += per * static_cast<size_t>(w[i].count);
  }
  // Services hold references to request records across simulated waits: the vector must never move.
  ctx.result.requests.reserve(capacity);
}

std::vector<double> Workload::arrivals(const ArrivalSpec& a, int count, std::mt19937_64& rng) {
  std::vector<double> t;
  t.reserve(static_cast<size_t>(count));
  if (a.kind == ArrivalKind::Burst) {
    t.assign(static_cast<size_t>(count), a.start_s);
  } else if (a.kind == ArrivalKind::Constant || a.kind == ArrivalKind::RallyRps) {
    for (int k = 0; k < count; ++k) t.push_back(a.start_s + k / a.rate_per_s);
  } else if (a.kind == ArrivalKind::Poisson) {
    std::exponential_distribution<double> gap(a.rate_per_s);
    double now = a.start_s;
    for (int k = 0; k < count; ++k) {
      now += gap(rng);
      t.push_back(now);
    }
  } else if (a.kind == ArrivalKind::Ramp) {
    // rate grows linearly from rate to to_rate over duration: the k-th arrival is where the
    // cumulative count r0*x + (r1-r0)*x^2/(2D) reaches k (then constant at to_rate).
    double r0 = a.rate_per_s, r1 = a.rate_end_per_s, d = a.duration_s;
    double n_ramp = (r0 + r1) / 2 * d;
    for (int k = 0; k < count; ++k) {
      double x;
      if (k >= n_ramp)
        x = d + (k - n_ramp) / r1;
      else if (std::abs(r1 - r0) < 1e-12)
        x = k / r0;
      else {
        double A = (r1 - r0) / (2 * d);
        x = (-r0 + std::sqrt(r0 * r0 + 4 * A * k)) / (2 * A);
      }
      t.push_back(a.start_s + x);
    }
  }
  return t;
}

int Workload::new_request(const StreamSpec& st, int k) {
  RequestRecord rec;
  rec.id = static_cast<int>(ctx_.result.requests.size());
  rec.stream = st.name;
  rec.project =
      st.rally_projects.empty() ? st.project : st.rally_projects[static_cast<size_t>(k) % st.rally_projects.size()];
  rec.kind = st.kind == StreamKind::ImageUpload ? RequestKind::ImageCreate
             : (st.kind == StreamKind::Volume || (st.kind == StreamKind::Rally && !st.steps.boot))
                 ? RequestKind::VolumeCreate
                 : RequestKind::ServerCreate;
  std::string base = st.name;
  if (st.body.contains("server") && st.body["server"].contains("name") && st.body["server"]["name"].is_string())
    base = st.body["server"]["name"].get<std::string>();
  rec.name = st.count > 1 ? base + "-" + std::to_string(k + 1) : base;
  rec.t_submit = ctx_.now();
  if (ctx_.result.requests.size() == ctx_.result.requests.capacity())
    throw std::runtime_error("internal: request table full (would invalidate references)");
  ctx_.result.requests.push_back(rec);
  return rec.id;
}

void Workload::submit(size_t stream, int k, const nlohmann::json* body_override) {
  const auto& st = s_.workload[stream];
  int id = new_request(st, k);
  stream_of_[id] = stream;
  stream_requests_[stream].push_back(id);
  if (st.kind == StreamKind::ImageUpload) {
    // POST /v2/images then PUT /file from the client (outside the cloud: modelled at the controller's edge).
    auto& rec = ctx_.req(id);
    auto& log = ctx_.log();
    SpanScope span(ctx_, {id, glance_.endpoint()}, "image_create", SpanKind::Phase);
    double t0 = ctx_.now();
    sg4::this_actor::sleep_for(s_.glance.api_service_time);
    auto body = st.body;
    auto created = sem::glance_image_create(body, db_.cloud, s_.glance.api, st.project, db_.uuid('g'));
    rec.api_status = created.status;
    if (created.status != 201) {
      rec.api_error = created.error;
      rec.final_status = FinalStatus::Rejected;
    } else {
      db_.cloud.images.push_back(created.image);
      auto up = sem::glance_image_upload_begin(created.image, static_cast<int64_t>(st.upload_bytes), s_.glance.api, 0);
      if (up.status >= 400) {
        rec.api_status = up.status;
        rec.api_error = up.error;
        rec.final_status = FinalStatus::Error;
        rec.fault = up.error;
      } else {
        if (auto* im = db_.cloud.find_image(created.image.id)) *im = up.image;
        glance_.upload(infra::Caller{id, infra::Endpoint{ctx_.platform.controller}, span.id()}, st.upload_bytes,
                       std::string(name(s_.topology.glance_store)));
        auto fin = sem::glance_image_upload_finish(up.image, static_cast<int64_t>(st.upload_bytes));
        fin.image.store = std::string(name(s_.topology.glance_store));
        if (!fin.image.virtual_size) fin.image.virtual_size = static_cast<int64_t>(st.upload_bytes);
        if (auto* im = db_.cloud.find_image(created.image.id)) *im = fin.image;
        rec.final_status = FinalStatus::Active;
        rec.t_active = ctx_.now();
      }
    }
    rec.phases.emplace_back("image_create", ctx_.now() - t0);
    (void)log;
    terminal(id);
    return;
  }
  nlohmann::json body = body_override ? *body_override : st.body;
  std::string mv = st.microversion;
  if (!st.cli.empty()) {
    auto parsed = sem::parse_cli(st.cli, &db_.cloud, s_.nova.api.max_microversion);
    if (!parsed.ok) {
      // The client refused the command line: nothing reached nova-api.
      auto& rec = ctx_.req(id);
      rec.api_status = 0;
      rec.api_error = parsed.error + (parsed.hint.empty() ? "" : "\n" + parsed.hint);
      rec.final_status = FinalStatus::Rejected;
      terminal(id);
      return;
    }
    body = parsed.body;
    mv = parsed.microversion;
    if (body.contains("server") && body["server"].contains("name") && body["server"]["name"].is_string())
      ctx_.req(id).name = st.count > 1 ? body["server"]["name"].get<std::string>() + "-" + std::to_string(k + 1)
                                       : body["server"]["name"].get<std::string>();
  }
  if (st.count > 1 && body.contains("server") && body["server"].is_object()) body["server"]["name"] = ctx_.req(id).name;
  auto ids = nova_.create_server(id, body, mv, ctx_.req(id).project);
  // min_count/max_count > 1: every instance of the request belongs to the stream, so `then:` deletes
  // all of them (each is its own server; nova/compute/api.py::_provision_instances).
  for (size_t i = 1; i < ids.size(); ++i) {
    stream_of_[ids[i]] = stream;
    stream_requests_[stream].push_back(ids[i]);
    ++remaining_up_[stream];
    ++total_;
  }
}

void Workload::terminal(int request) {
  ++done_;
  auto it = waiters_.find(request);
  if (it != waiters_.end()) it->second->release();
  auto s = stream_of_.find(request);
  if (s == stream_of_.end()) return;
  const auto& st = s_.workload[s->second];
  bool closed = closed_loop(st.arrival.kind) || st.rally_polling;
  if (st.then.kind == ThenKind::DeleteAfter && !closed) {
    int r = request;
    double delay = st.then.delay_s;
    if (ctx_.req(r).final_status == FinalStatus::Rejected) return;
    spawn("delete", ctx_.platform.controller, kServiceStack, [this, r, delay] {
      sg4::this_actor::sleep_for(delay);
      nova_.delete_server(r);
    });
  } else if (st.then.kind == ThenKind::DeleteWhenAllUp) {
    if (--remaining_up_[s->second] == 0) {
      for (int r : stream_requests_[s->second]) {
        if (ctx_.req(r).final_status == FinalStatus::Rejected) continue;
        spawn("delete", ctx_.platform.controller, kServiceStack, [this, r] { nova_.delete_server(r); });
      }
    }
  }
  progress_tick();
}

void Workload::iteration(size_t stream, int k) {
  // Closed-loop arrivals of a scenario-format stream: submit, wait for ACTIVE/ERROR, optionally delete.
  const auto& st = s_.workload[stream];
  auto done = sg4::Semaphore::create(0);
  int id = static_cast<int>(ctx_.result.requests.size());
  waiters_[id] = done;
  submit(stream, k);
  done->acquire();
  waiters_.erase(id);
  if (st.then.kind == ThenKind::DeleteAfter && ctx_.req(id).final_status != FinalStatus::Rejected) {
    sg4::this_actor::sleep_for(st.then.delay_s);
    nova_.delete_server(id);
  }
}

void Workload::drive() {
  const auto& w = s_.workload;
  struct Arrival {
    double t;
    size_t stream;
    int k;
  };
  std::vector<Arrival> open;
  std::vector<size_t> rally;
  for (size_t i = 0; i < w.size(); ++i) {
    const auto& a = w[i].arrival;
    if (w[i].kind == StreamKind::Rally) {
      rally.push_back(i);
      continue;
    }
    if (closed_loop(a.kind)) {
      // Closed loop: `concurrency` workers; each starts its next iteration when the previous one ends.
      int conc = a.kind == ArrivalKind::RallySerial ? 1 : a.concurrency;
      auto next = std::make_shared<int>(0);
      for (int c = 0; c < conc; ++c)
        spawn("rally-worker", ctx_.platform.controller, kDeepStack, [this, i, a, next] {
          sg4::this_actor::sleep_until(a.start_s);
          const auto& st = s_.workload[i];
          for (;;) {
            if (s_.end_after_s > 0 && ctx_.now() >= s_.end_after_s) return;  // the cut
            if (a.kind == ArrivalKind::RallyConstantForDuration) {
              if (ctx_.now() >= a.start_s + a.duration_s || *next >= st.count) return;
            } else if (*next >= st.count) {
              return;
            }
            int k = (*next)++;
            iteration(i, k);
          }
        });
      continue;
    }
    for (int k = 0; auto t : arrivals(a, w[i].count, ctx_.rng)) open.push_back({t, i, k++});
  }
  if (!rally.empty()) {
    std::stable_sort(rally.begin(), rally.end(),
                     [&](size_t a, size_t b) { return w[a].steps.workload < w[b].steps.workload; });
    spawn("rally-task", ctx_.platform.controller, kDeepStack, [this, rally] { rally_task(rally); });
  }
  std::stable_sort(open.begin(), open.end(), [](const Arrival& a, const Arrival& b) { return a.t < b.t; });
  const double end_after = s_.end_after_s;
  for (const auto& a : open) {
    if (end_after > 0 && a.t >= end_after) break;  // arrivals at or after the cut are never submitted
    if (a.t > ctx_.now()) sg4::this_actor::sleep_until(a.t);
    size_t s = a.stream;
    int k = a.k;
    if (w[s].kind ==
        StreamKind::
            Volume)  // `volume:` stream: create / attach / detach / delete, each waited for by the client's polls
      rally_iterations_.submit([this, s, k] { rally_iteration(s, k); });
    else
      (w[s].cli.empty() ? requests_ : requests_cli_).submit([this, s, k] { submit(s, k); });
  }
}

void Workload::progress_tick() {
  if (!progress_) return;
  double t = ctx_.now();
  if (done_ != total_ && t - last_progress_ < 1.0) return;
  last_progress_ = t;
  std::fprintf(stderr, "\r[bfvsim] t=%9.1f s  requests done %zu/%zu", t, done_, total_);
  if (done_ >= total_) std::fprintf(stderr, "\n");
}

void Workload::finalize() {
  for (auto& r : ctx_.result.requests)
    if (r.final_status == FinalStatus::None || r.final_status == FinalStatus::Build) {
      r.final_status = FinalStatus::Error;
      if (!r.fault) r.fault = "still building when the simulation ended";
    }
}

}  // namespace bfv
