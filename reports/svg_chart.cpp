// Inline SVG charts for report.html (see svg_chart.hpp).
#include "reports/svg_chart.hpp"

#include <algorithm>
#include <array>
#include <cmath>

#include <fmt/format.h>

namespace bfv::reports::svg {
namespace {

constexpr double kLeft = 72, kRight = 24, kTop = 52, kBottom = 52;

std::string f1(double v) {
  if (!std::isfinite(v)) v = 0;
  std::string s = fmt::format("{:.1f}", v);
  return s == "-0.0" ? "0.0" : s;
}

struct Frame {
  double x0, y0, w, h;    // plot area in pixels
  double xa, xb, ya, yb;  // data range
  double px(double x) const { return x0 + (xb > xa ? (x - xa) / (xb - xa) : 0) * w; }
  double py(double y) const { return y0 + h - (yb > ya ? (y - ya) / (yb - ya) : 0) * h; }
};

std::string open_svg(const std::string& id, const std::string& title, int height) {
  return fmt::format(
      "<svg id=\"{}\" class=\"chart\" xmlns=\"http://www.w3.org/2000/svg\" width=\"{}\" height=\"{}\" "
      "viewBox=\"0 0 {} {}\" role=\"img\" aria-label=\"{}\">\n"
      "<text class=\"title\" x=\"{}\" y=\"22\">{}</text>\n",
      id, kWidth, height, kWidth, height, esc(title), f1(kLeft), esc(title));
}

std::string legend(const std::vector<std::pair<std::string, std::string>>& items, double y) {
  std::string out;
  double x = kLeft;
  for (const auto& [name, col] : items) {
    out += fmt::format(
        "<rect x=\"{}\" y=\"{}\" width=\"12\" height=\"12\" fill=\"{}\"/>"
        "<text class=\"legend\" x=\"{}\" y=\"{}\">{}</text>\n",
        f1(x), f1(y - 10), col, f1(x + 16), f1(y), esc(name));
    x += 34 + 7.0 * static_cast<double>(name.size());
  }
  return out;
}

// Grid, ticks and axis labels.
std::string axes_svg(const Frame& f, const std::string& x_label, const std::string& y_label, bool x_ticks = true,
                     int y_target = 5) {
  std::string out = fmt::format("<rect class=\"plot\" x=\"{}\" y=\"{}\" width=\"{}\" height=\"{}\"/>\n", f1(f.x0),
                                f1(f.y0), f1(f.w), f1(f.h));
  auto yt = y_target > 0 ? nice_ticks(f.ya, f.yb, y_target) : std::vector<double>{};
  double ystep = yt.size() > 1 ? yt[1] - yt[0] : 1;
  for (double v : yt) {
    double y = f.py(v);
    out += fmt::format(
        "<line class=\"grid\" x1=\"{}\" y1=\"{}\" x2=\"{}\" y2=\"{}\"/>"
        "<text class=\"tick\" x=\"{}\" y=\"{}\" text-anchor=\"end\">{}</text>\n",
        f1(f.x0), f1(y), f1(f.x0 + f.w), f1(y), f1(f.x0 - 6), f1(y + 4), tick_label(v, ystep));
  }
  if (x_ticks) {
    auto xt = nice_ticks(f.xa, f.xb, 10);
    double xstep = xt.size() > 1 ? xt[1] - xt[0] : 1;
    for (double v : xt) {
      double x = f.px(v);
      out += fmt::format(
          "<line class=\"grid\" x1=\"{}\" y1=\"{}\" x2=\"{}\" y2=\"{}\"/>"
          "<text class=\"tick\" x=\"{}\" y=\"{}\" text-anchor=\"middle\">{}</text>\n",
          f1(x), f1(f.y0), f1(x), f1(f.y0 + f.h), f1(x), f1(f.y0 + f.h + 16), tick_label(v, xstep));
    }
  }
  if (!x_label.empty())
    out += fmt::format("<text class=\"axis\" x=\"{}\" y=\"{}\" text-anchor=\"middle\">{}</text>\n", f1(f.x0 + f.w / 2),
                       f1(f.y0 + f.h + 36), esc(x_label));
  if (!y_label.empty())
    out += fmt::format(
        "<text class=\"axis\" transform=\"translate({},{}) rotate(-90)\" text-anchor=\"middle\">{}</text>\n", f1(16),
        f1(f.y0 + f.h / 2), esc(y_label));
  return out;
}

std::string polyline(const Frame& f, const Series& s) {
  std::string pts;
  double prev_y = 0;
  bool first = true;
  for (const auto& [x, y] : s.pts) {
    if (s.step && !first) pts += f1(f.px(x)) + "," + f1(f.py(prev_y)) + " ";
    pts += f1(f.px(x)) + "," + f1(f.py(y)) + " ";
    prev_y = y;
    first = false;
  }
  if (s.step && !s.pts.empty()) pts += f1(f.px(f.xb)) + "," + f1(f.py(prev_y)) + " ";
  if (!pts.empty()) pts.pop_back();
  return fmt::format(
      "<polyline class=\"series\" fill=\"none\" stroke=\"{}\" stroke-width=\"2\" points=\"{}\">"
      "<title>{}</title></polyline>\n",
      s.color, pts, esc(s.name));
}

std::string no_data(const Frame& f) {
  return fmt::format("<text class=\"nodata\" x=\"{}\" y=\"{}\" text-anchor=\"middle\">no data</text>\n",
                     f1(f.x0 + f.w / 2), f1(f.y0 + f.h / 2));
}

}  // namespace

std::string esc(const std::string& s) {
  std::string out;
  out.reserve(s.size());
  for (char c : s) {
    switch (c) {
      case '&': out += "&amp;"; break;
      case '<': out += "&lt;"; break;
      case '>': out += "&gt;"; break;
      case '"': out += "&quot;"; break;
      case '\'': out += "&#39;"; break;
      default: out += c;
    }
  }
  return out;
}

const std::string& color(std::size_t i) {
  static const std::array<std::string, 12> p = {"#4e79a7", "#f28e2b", "#59a14f", "#e15759", "#76b7b2", "#edc948",
                                                "#b07aa1", "#ff9da7", "#9c755f", "#bab0ac", "#1f3b73", "#8cd17d"};
  return p[i % p.size()];
}

std::vector<double> nice_ticks(double lo, double hi, int target) {
  if (!(hi > lo)) hi = lo + 1;
  double raw = (hi - lo) / std::max(1, target);
  double mag = std::pow(10.0, std::floor(std::log10(raw)));
  double step = mag;
  for (double m : {1.0, 2.0, 2.5, 5.0, 10.0})
    if (m * mag >= raw) {
      step = m * mag;
      break;
    }
  std::vector<double> out;
  for (double v = std::ceil(lo / step - 1e-9) * step; v <= hi + step * 1e-9 && out.size() < 50; v += step)
    out.push_back(std::abs(v) < step * 1e-9 ? 0 : v);
  return out;
}

std::string tick_label(double v, double step) {
  // As many decimals as the step needs (2.5 -> 1), then no trailing zeros: 2.5, 5, 7.5.
  int decimals = 0;
  while (decimals < 6) {
    const double scaled = step * std::pow(10.0, decimals);
    if (std::abs(scaled - std::round(scaled)) < 1e-6 * std::max(1.0, scaled)) break;
    ++decimals;
  }
  std::string s = fmt::format("{:.{}f}", v, decimals);
  if (s.find('.') != std::string::npos) {
    while (s.back() == '0') s.pop_back();
    if (s.back() == '.') s.pop_back();
  }
  return s.find_first_not_of("-0.") == std::string::npos ? std::string("0") : s;
}

std::string line_chart(const std::string& id, const std::string& title, const Axes& axes,
                       const std::vector<Series>& series, int height) {
  std::string out = open_svg(id, title, height);
  std::vector<std::pair<std::string, std::string>> items;
  for (const auto& s : series) items.emplace_back(s.name, s.color);
  out += legend(items, 42);
  Frame f{kLeft,      kTop,      kWidth - kLeft - kRight, height - kTop - kBottom, axes.x_min, axes.x_max,
          axes.y_min, axes.y_max};
  out += axes_svg(f, axes.x_label, axes.y_label);
  bool any = false;
  for (const auto& s : series) {
    if (s.band.size() != s.pts.size() || s.pts.empty()) continue;
    std::string pts;
    for (std::size_t k = 0; k < s.pts.size(); ++k)
      pts += f1(f.px(s.pts[k].first)) + "," + f1(f.py(s.band[k].second)) + " ";
    for (std::size_t k = s.pts.size(); k-- > 0;)
      pts += f1(f.px(s.pts[k].first)) + "," + f1(f.py(s.band[k].first)) + " ";
    pts.pop_back();
    out += fmt::format("<polygon class=\"band\" fill=\"{}\" fill-opacity=\"0.18\" stroke=\"none\" points=\"{}\"/>\n",
                       s.color, pts);
  }
  for (const auto& s : series)
    if (!s.pts.empty()) {
      out += polyline(f, s);
      any = true;
    }
  if (!any) out += no_data(f);
  return out + "</svg>\n";
}

std::string stacked_bars(const std::string& id, const std::string& title, const std::vector<std::string>& segments,
                         const std::vector<Bar>& bars, const std::string& x_label, const std::string& y_label,
                         int height) {
  std::string out = open_svg(id, title, height);
  std::vector<std::pair<std::string, std::string>> items;
  for (std::size_t i = 0; i < segments.size(); ++i) items.emplace_back(segments[i], color(i));
  out += legend(items, 42);
  double ymax = 0;
  for (const auto& b : bars) {
    double sum = 0;
    for (double v : b.values) sum += std::max(0.0, v);
    ymax = std::max(ymax, sum);
  }
  Frame f{kLeft, kTop, kWidth - kLeft - kRight, height - kTop - kBottom - 10, 0, 1, 0, ymax > 0 ? ymax * 1.05 : 1};
  out += axes_svg(f, x_label, y_label, false);
  if (bars.empty()) return out + no_data(f) + "</svg>\n";
  const double slot = f.w / static_cast<double>(bars.size()), bw = std::max(1.0, slot * 0.8);
  const std::size_t label_every = std::max<std::size_t>(1, bars.size() / 25);
  for (std::size_t i = 0; i < bars.size(); ++i) {
    const double x = f.x0 + slot * static_cast<double>(i) + (slot - bw) / 2;
    double acc = 0;
    out += fmt::format("<g><title>{}</title>", esc(bars[i].tooltip));
    for (std::size_t k = 0; k < bars[i].values.size(); ++k) {
      double v = std::max(0.0, bars[i].values[k]);
      if (v <= 0) continue;
      double ya = f.py(acc), yb = f.py(acc + v);
      out += fmt::format("<rect x=\"{}\" y=\"{}\" width=\"{}\" height=\"{}\" fill=\"{}\"/>", f1(x), f1(yb), f1(bw),
                         f1(std::max(0.5, ya - yb)), color(k));
      acc += v;
    }
    out += "</g>\n";
    if (i % label_every == 0)
      out += fmt::format("<text class=\"tick\" x=\"{}\" y=\"{}\" text-anchor=\"middle\">{}</text>\n", f1(x + bw / 2),
                         f1(f.y0 + f.h + 16), esc(bars[i].label));
  }
  return out + "</svg>\n";
}

std::string gantt(const std::string& id, const std::string& title, const std::vector<Row>& rows,
                  const std::vector<std::string>& legend_names, const std::string& x_label, double x_min,
                  double x_max) {
  const double row_h = 16, left = 150;
  const int height = static_cast<int>(kTop + kBottom + row_h * std::max<std::size_t>(1, rows.size()));
  std::string out = open_svg(id, title, height);
  std::vector<std::pair<std::string, std::string>> items;
  for (std::size_t i = 0; i < legend_names.size(); ++i) items.emplace_back(legend_names[i], color(i));
  out += legend(items, 42);
  Frame f{left, kTop, kWidth - left - kRight, row_h * std::max<std::size_t>(1, rows.size()), x_min, x_max, 0, 1};
  out += axes_svg(f, x_label, "", true, 0);
  if (rows.empty()) return out + no_data(f) + "</svg>\n";
  for (std::size_t r = 0; r < rows.size(); ++r) {
    const double y = f.y0 + row_h * static_cast<double>(r);
    out += fmt::format("<text class=\"tick\" x=\"{}\" y=\"{}\" text-anchor=\"end\">{}</text>\n", f1(left - 6),
                       f1(y + 12), esc(rows[r].label));
    // Boxes that overlap (phases running in parallel, e.g. volume_create beside volume_wait) go to
    // thinner sub-lanes of the row instead of hiding each other.
    std::vector<std::size_t> lane(rows[r].boxes.size(), 0);
    std::vector<double> lane_end;
    for (std::size_t k = 0; k < rows[r].boxes.size(); ++k) {
      const auto& b = rows[r].boxes[k];
      std::size_t l = 0;
      while (l < lane_end.size() && lane_end[l] > b.start + 1e-9) ++l;
      if (l == lane_end.size())
        lane_end.push_back(b.end);
      else
        lane_end[l] = std::max(lane_end[l], b.end);
      lane[k] = l;
    }
    const double lane_h = (row_h - 4) / static_cast<double>(std::max<std::size_t>(1, lane_end.size()));
    for (std::size_t k = 0; k < rows[r].boxes.size(); ++k) {
      const auto& b = rows[r].boxes[k];
      double xa = f.px(b.start), xb = f.px(b.end);
      out += fmt::format("<rect x=\"{}\" y=\"{}\" width=\"{}\" height=\"{}\" fill=\"{}\"><title>{}</title></rect>\n",
                         f1(xa), f1(y + 2 + lane_h * static_cast<double>(lane[k])), f1(std::max(1.0, xb - xa)),
                         f1(lane_h), color(b.color), esc(b.tooltip));
    }
  }
  return out + "</svg>\n";
}

std::string panels(const std::string& id, const std::string& title, const std::vector<Panel>& ps,
                   const std::string& x_label, double x_max, int panel_height) {
  const double gap = 34;
  const int height = static_cast<int>(kTop + kBottom + (panel_height + gap) * std::max<std::size_t>(1, ps.size()));
  std::string out = open_svg(id, title, height);
  if (ps.empty()) {
    Frame f{kLeft, kTop, kWidth - kLeft - kRight, double(panel_height), 0, x_max, 0, 1};
    return out + axes_svg(f, x_label, "", true) + no_data(f) + "</svg>\n";
  }
  for (std::size_t i = 0; i < ps.size(); ++i) {
    const double y0 = kTop + (panel_height + gap) * static_cast<double>(i) + 14;
    Frame f{kLeft, y0, kWidth - kLeft - kRight, double(panel_height), 0, x_max, 0, ps[i].y_max};
    out +=
        fmt::format("<text class=\"subtitle\" x=\"{}\" y=\"{}\">{}</text>\n", f1(kLeft), f1(y0 - 6), esc(ps[i].title));
    out += axes_svg(f, i + 1 == ps.size() ? x_label : "", ps[i].y_label, true, 2);
    for (const auto& s : ps[i].series)
      if (!s.pts.empty()) out += polyline(f, s);
  }
  return out + "</svg>\n";
}

}  // namespace bfv::reports::svg
