// Inline SVG charts generated in C++ for report.html: no JavaScript library, no network.
// Every chart is one <svg id="..."> with a title, axis labels with units, ticks and a legend;
// tooltips are SVG <title> elements. Coordinates are printed with one decimal ("%.1f") so the
// bytes depend only on the data.
#pragma once
#include <string>
#include <utility>
#include <vector>

namespace bfv::reports::svg {

std::string esc(const std::string& s);    // XML/HTML text and attribute escaping
const std::string& color(std::size_t i);  // categorical palette, cycles after 12
std::vector<double> nice_ticks(double lo, double hi, int target);
std::string tick_label(double v, double step);

struct Series {
  std::string name, color;
  std::vector<std::pair<double, double>> pts;        // (x, y), x ascending
  bool step = false;                                 // hold y until the next x
  std::vector<std::pair<double, double>> band = {};  // optional (low, high) per point: a shaded band (sweep confidence)
};

struct Axes {
  std::string x_label, y_label;  // with units: "boot time (s)"
  double x_min = 0, x_max = 1, y_min = 0, y_max = 1;
};

// The stylesheet of report.html, for other pages built from these charts (compare.html, sweep.html).
const std::string& page_css();

inline constexpr int kWidth = 1180;  // fits a 1280 px window with the page margins

std::string line_chart(const std::string& id, const std::string& title, const Axes& axes,
                       const std::vector<Series>& series, int height = 340);

struct Bar {
  std::string label;           // x tick text
  std::vector<double> values;  // one per segment
  std::string tooltip;
};
std::string stacked_bars(const std::string& id, const std::string& title, const std::vector<std::string>& segments,
                         const std::vector<Bar>& bars, const std::string& x_label, const std::string& y_label,
                         int height = 360);

struct Box {
  double start = 0, end = 0;
  std::size_t color = 0;  // palette index
  std::string tooltip;
};
struct Row {
  std::string label;
  std::vector<Box> boxes;
};
std::string gantt(const std::string& id, const std::string& title, const std::vector<Row>& rows,
                  const std::vector<std::string>& legend, const std::string& x_label, double x_min, double x_max);

struct Panel {
  std::string title, y_label;
  double y_max = 1;
  std::vector<Series> series;
};
// Small multiples sharing one time axis, stacked vertically in one <svg>.
std::string panels(const std::string& id, const std::string& title, const std::vector<Panel>& panels,
                   const std::string& x_label, double x_max, int panel_height = 120);

}  // namespace bfv::reports::svg
