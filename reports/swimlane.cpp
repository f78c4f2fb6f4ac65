// The sequence (swimlane) diagram of one request for report.html: one column per service instance
// the request touched, in the order a student reads the flow (nova-api, conductor, scheduler,
// compute, cinder, glance); its RPC and HTTP messages as arrows labelled with name and time; its
// non-phase spans as activation bars on their lane; its phases as shaded bands with their names.
//
// Time runs down. A boot mixes millisecond RPCs with minute-long waits, so the vertical spacing
// between two consecutive events grows with the logarithm of the time between them (stated on the
// chart); every event row is labelled with its simulated time in seconds.
#include <algorithm>
#include <cmath>
#include <map>
#include <set>

#include <fmt/format.h>

#include "reports/svg_chart.hpp"
#include "reports/writers.hpp"

namespace bfv::reports {
namespace {

using svg::esc;

std::string f1(double v) {
  std::string s = fmt::format("{:.1f}", std::isfinite(v) ? v : 0.0);
  return s == "-0.0" ? "0.0" : s;
}

}  // namespace

// Lanes in reading order: the request's path through the services.
int service_rank(const std::string& track) {
  static const char* order[] = {"client",       "nova-api",   "nova-conductor",   "nova-scheduler", "placement-api",
                                "nova-compute", "cinder-api", "cinder-scheduler", "cinder-volume",  "glance-api"};
  const std::string kind = track.substr(0, track.find('@'));
  for (int i = 0; i < 10; ++i)
    if (kind == order[i]) return i;
  return 100;
}

std::string swimlane(const RunResult& r, const Analysis& a, int req, const std::string& id, const std::string& why) {
  const auto& log = r.log;
  const auto& spans = log.spans();
  const auto& q = r.requests[static_cast<std::size_t>(req)];
  struct Msg {
    uint32_t from, to;
    double t0, t1;
    std::string name;
  };
  std::vector<Msg> msgs;
  for (const auto& ar : log.arrows())
    if (ar.request == req) msgs.push_back({ar.track_from, ar.track_to, ar.t_from, ar.t_to, log.name(ar.name)});
  std::vector<const Span*> acts, phases;
  std::set<uint32_t> used_tracks;
  for (uint32_t sid : a.spans_of[static_cast<std::size_t>(req)]) {
    const Span& s = spans[sid];
    (s.kind == SpanKind::Phase ? phases : acts).push_back(&s);
    used_tracks.insert(s.track);
  }
  // A poll loop repeats the same call a hundred times: draw its first two and last two rounds and
  // say how many were left out, so that one boot stays one screen.
  std::map<std::string, int> left_out;
  {
    std::map<std::string, std::vector<std::size_t>> seen;
    for (std::size_t i = 0; i < msgs.size(); ++i) seen[msgs[i].name].push_back(i);
    std::vector<char> drop(msgs.size(), 0);
    double hide_from = 1e300, hide_to = -1e300;
    for (auto& [name, idx] : seen)
      if (idx.size() > 4)
        for (std::size_t k = 2; k + 2 < idx.size(); ++k) {
          drop[idx[k]] = 1;
          left_out[name]++;
          hide_from = std::min(hide_from, msgs[idx[k]].t0);
          hide_to = std::max(hide_to, msgs[idx[k]].t1);
        }
    std::vector<Msg> kept;
    for (std::size_t i = 0; i < msgs.size(); ++i)
      if (!drop[i]) kept.push_back(msgs[i]);
    msgs.swap(kept);
    std::map<std::pair<uint32_t, uint32_t>, std::vector<std::size_t>> same;  // (track, name) of non-phase spans
    for (std::size_t i = 0; i < acts.size(); ++i) same[{acts[i]->track, acts[i]->name}].push_back(i);
    std::vector<char> dropa(acts.size(), 0);
    for (auto& [key, idx] : same)
      if (idx.size() > 4)
        for (std::size_t k = 2; k + 2 < idx.size(); ++k) dropa[idx[k]] = 1;
    // and anything wholly inside the hidden rounds that repeats (their server-side spans)
    std::vector<const Span*> kept_a;
    for (std::size_t i = 0; i < acts.size(); ++i)
      if (!dropa[i] && !(acts[i]->kind == SpanKind::Rpc && acts[i]->start > hide_from && acts[i]->end < hide_to &&
                         same[{acts[i]->track, acts[i]->name}].size() > 4))
        kept_a.push_back(acts[i]);
    acts.swap(kept_a);
  }
  for (const auto& m : msgs) {
    used_tracks.insert(m.from);
    used_tracks.insert(m.to);
  }
  std::vector<uint32_t> lanes(used_tracks.begin(), used_tracks.end());
  std::stable_sort(lanes.begin(), lanes.end(), [&](uint32_t x, uint32_t y) {
    int rx = service_rank(log.tracks()[x]), ry = service_rank(log.tracks()[y]);
    return rx != ry ? rx < ry : log.tracks()[x] < log.tracks()[y];
  });
  std::map<uint32_t, std::size_t> lane_of;
  for (std::size_t i = 0; i < lanes.size(); ++i) lane_of[lanes[i]] = i;

  // Event times -> y.
  std::vector<double> ts{q.t_submit};
  if (q.t_active) ts.push_back(*q.t_active);
  for (const auto& m : msgs) {
    ts.push_back(m.t0);
    ts.push_back(m.t1);
  }
  for (const auto* s : acts) {
    ts.push_back(s->start);
    ts.push_back(s->end);
  }
  for (const auto* s : phases) {
    ts.push_back(s->start);
    ts.push_back(s->end);
  }
  std::sort(ts.begin(), ts.end());
  std::vector<double> uniq;
  for (double t : ts)
    if (uniq.empty() || t - uniq.back() > 1e-6) uniq.push_back(t);
  const double top = 96, time_col = 70;
  std::vector<double> ys;
  double y = top;
  for (std::size_t i = 0; i < uniq.size(); ++i) {
    if (i) y += std::min(90.0, 10.0 + 18.0 * std::log10(1.0 + (uniq[i] - uniq[i - 1]) * 100.0));
    ys.push_back(y);
  }
  auto y_of = [&](double t) {
    auto it = std::lower_bound(uniq.begin(), uniq.end(), t - 1e-6);
    if (it == uniq.end()) return ys.back();
    return ys[static_cast<std::size_t>(it - uniq.begin())];
  };
  const double bottom = y + 40;
  const int width = svg::kWidth;
  const double phase_col = 170;  // right: phase brackets and names
  const double lane_w =
      (width - time_col - phase_col - 20) / static_cast<double>(std::max<std::size_t>(1, lanes.size()));
  auto x_of = [&](uint32_t track) { return time_col + 10 + lane_w * (static_cast<double>(lane_of[track]) + 0.5); };
  const int height = static_cast<int>(bottom + 20);

  std::string title = fmt::format("Sequence of request #{} {} — {}: {}", q.id, q.name, why,
                                  q.t_active ? "boot " + fixed(*q.t_active - q.t_submit, 3) + " s"
                                             : "no boot time, ended " + std::string(name(q.final_status)));
  std::string out = fmt::format(
      "<svg id=\"{}\" class=\"chart swimlane\" xmlns=\"http://www.w3.org/2000/svg\" width=\"{}\" height=\"{}\" "
      "viewBox=\"0 0 {} {}\" role=\"img\" aria-label=\"{}\">\n<text class=\"title\" x=\"{}\" y=\"22\">{}</text>\n",
      esc(id), width, height, width, height, esc(title), f1(time_col), esc(title));
  out += fmt::format(
      "<text class=\"note\" x=\"{}\" y=\"40\" style=\"font-size:12px;fill:#666\">services as lanes; "
      "arrows are RPC casts/calls and HTTP requests labelled with their transit time; bars are what a "
      "service spends on the request; shaded bands are its phases. Time runs down; spacing grows with "
      "the logarithm of elapsed time.</text>\n",
      f1(time_col));
  // Phase bands and brackets.
  std::vector<double> col_end;
  std::size_t k = 0;
  std::map<std::string, std::size_t> phase_color;
  for (std::size_t c = 0; c < a.phase_order.size(); ++c) phase_color[a.phase_order[c]] = c;
  for (const auto* s : phases) {
    const std::string& name = log.name(s->name);
    auto [it, fresh] = phase_color.try_emplace(name, phase_color.size());
    const std::string& col = svg::color(it->second);
    double y0 = y_of(s->start), y1 = std::max(y_of(s->end), y0 + 2);
    std::size_t c = 0;
    while (c < col_end.size() && col_end[c] > y0 + 0.5) ++c;
    if (c == col_end.size())
      col_end.push_back(y1);
    else
      col_end[c] = y1;
    const double bx = width - phase_col + 8 + 12 * static_cast<double>(c % 4);
    out += fmt::format(
        "<rect class=\"phase\" x=\"{}\" y=\"{}\" width=\"{}\" height=\"{}\" fill=\"{}\" fill-opacity=\"0.07\"/>"
        "<rect x=\"{}\" y=\"{}\" width=\"6\" height=\"{}\" fill=\"{}\"><title>phase {}: {} s ({} → {}){}</title></rect>"
        "<text class=\"tick\" x=\"{}\" y=\"{}\" fill=\"{}\">{}</text>\n",
        f1(time_col), f1(y0), f1(width - phase_col - time_col), f1(y1 - y0), col, f1(bx), f1(y0), f1(y1 - y0), col,
        esc(name), fixed(s->end - s->start, 3), fixed(s->start, 3), fixed(s->end, 3), s->ok ? "" : " FAILED",
        f1(width - phase_col + 60), f1(y0 + 10 + 11 * static_cast<double>(k++ % 2)), col, esc(name));
  }
  // Lane heads and lifelines.
  for (std::size_t i = 0; i < lanes.size(); ++i) {
    const double x = x_of(lanes[i]);
    std::string name = log.tracks()[lanes[i]];
    auto at = name.find('@');
    std::string kind = name.substr(0, at), inst = at == std::string::npos ? "" : name.substr(at + 1);
    out += fmt::format(
        "<line x1=\"{0}\" y1=\"{1}\" x2=\"{0}\" y2=\"{2}\" stroke=\"#999\" stroke-dasharray=\"4 3\"/>"
        "<text class=\"axis\" x=\"{0}\" y=\"64\" text-anchor=\"middle\">{3}</text>"
        "<text class=\"tick\" x=\"{0}\" y=\"78\" text-anchor=\"middle\">{4}</text>\n",
        f1(x), f1(top - 8), f1(bottom), esc(kind), esc(inst));
  }
  // Time labels: every row, thinned where rows are closer than 11 px.
  out += fmt::format(
      "<text class=\"axis\" transform=\"translate(14,{}) rotate(-90)\" text-anchor=\"middle\">simulated time "
      "(s)</text>\n",
      f1((top + bottom) / 2));
  double last_y = -100;
  for (std::size_t i = 0; i < uniq.size(); ++i) {
    if (ys[i] - last_y < 11) continue;
    last_y = ys[i];
    out += fmt::format(
        "<text class=\"tick\" x=\"{}\" y=\"{}\" text-anchor=\"end\">{}</text>"
        "<line class=\"grid\" x1=\"{}\" y1=\"{}\" x2=\"{}\" y2=\"{}\"/>\n",
        f1(time_col - 4), f1(ys[i] + 4), fixed(uniq[i], 3), f1(time_col), f1(ys[i]), f1(width - phase_col), f1(ys[i]));
  }
  // Activation bars, side by side where they overlap on one lane.
  std::map<uint32_t, std::vector<double>> lane_cols;
  for (const auto* s : acts) {
    auto& cols = lane_cols[s->track];
    double y0 = y_of(s->start), y1 = std::max(y_of(s->end), y0 + 2);
    std::size_t c = 0;
    while (c < cols.size() && cols[c] > y0 + 0.5) ++c;
    if (c == cols.size())
      cols.push_back(y1);
    else
      cols[c] = y1;
    const double x = x_of(s->track) - 4 + 7 * static_cast<double>(c);
    std::string res = s->resource ? log.name(s->resource) : "";
    out += fmt::format(
        "<rect x=\"{}\" y=\"{}\" width=\"8\" height=\"{}\" fill=\"{}\" stroke=\"#555\" stroke-width=\"0.5\">"
        "<title>{} {}: {} s ({} → {}){}{}</title></rect>\n",
        f1(x), f1(y0), f1(y1 - y0),
        s->kind == SpanKind::Wait  ? "#f3d9a4"
        : s->kind == SpanKind::Rpc ? "#cfe0f3"
                                   : "#b9dfb4",
        span_kind_name(s->kind), esc(log.name(s->name)), fixed(s->end - s->start, 3), fixed(s->start, 3),
        fixed(s->end, 3), res.empty() ? "" : " on " + esc(res), s->ok ? "" : " FAILED");
    if (y1 - y0 >= 14)
      out += fmt::format("<text class=\"tick\" x=\"{}\" y=\"{}\" style=\"font-size:10px\">{}</text>\n", f1(x + 11),
                         f1(y0 + 10), esc(log.name(s->name)));
  }
  // Messages.
  out += "<defs><marker id=\"" + esc(id) +
         "-arrow\" viewBox=\"0 0 10 10\" refX=\"10\" refY=\"5\" markerWidth=\"7\" markerHeight=\"7\" "
         "orient=\"auto-start-reverse\">"
         "<path d=\"M 0 0 L 10 5 L 0 10 z\" fill=\"#333\"/></marker></defs>\n";
  for (const auto& m : msgs) {
    double x0 = x_of(m.from), x1 = x_of(m.to), y0 = y_of(m.t0), y1 = y_of(m.t1);
    std::string label = fmt::format("{} ({} ms)", m.name, fixed((m.t1 - m.t0) * 1000, 1));
    if (m.from == m.to) {
      out += fmt::format(
          "<path d=\"M {} {} h 30 V {} h -30\" fill=\"none\" stroke=\"#333\" marker-end=\"url(#{}-arrow)\">"
          "<title>{}</title></path>\n",
          f1(x0), f1(y0), f1(std::max(y1, y0 + 8)), esc(id), esc(label));
      continue;
    }
    out += fmt::format(
        "<line x1=\"{}\" y1=\"{}\" x2=\"{}\" y2=\"{}\" stroke=\"#333\" stroke-width=\"1.2\" "
        "marker-end=\"url(#{}-arrow)\">"
        "<title>{}: {} → {} s</title></line>"
        "<text class=\"tick\" x=\"{}\" y=\"{}\" text-anchor=\"middle\" style=\"font-size:10px\">{}</text>\n",
        f1(x0), f1(y0), f1(x1), f1(y1), esc(id), esc(label), fixed(m.t0, 3), fixed(m.t1, 3), f1((x0 + x1) / 2),
        f1((y0 + y1) / 2 - 3), esc(label));
  }
  if (!left_out.empty()) {
    std::string note = "Not drawn (repeats of a poll loop, first two and last two rounds shown):";
    for (const auto& [name, n] : left_out) note += fmt::format(" {} more {};", n, name);
    note.pop_back();
    out += fmt::format("<text class=\"tick\" x=\"{}\" y=\"{}\">{}</text>\n", f1(time_col), f1(bottom - 12), esc(note));
  }
  return out + "</svg>\n";
}

}  // namespace bfv::reports
