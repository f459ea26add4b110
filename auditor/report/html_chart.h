/* html_chart.h -- report.html's charts (html_chart.c): inline SVG computed
 * here from counts, nothing fetched.  Labels are data (escaped as
 * SVG text, cut to CA_CHART_LABEL_CHARS); series names are the caller's
 * constants and become class names (.seg-NAME colours them). */
#ifndef CA_REPORT_HTML_CHART_H
#define CA_REPORT_HTML_CHART_H
#include "report/html_util.h"

#define H_CHART_SERIES 8

typedef struct h_bar {
  const char *label;
  long v[H_CHART_SERIES];
} h_bar;

/* A stacked horizontal bar chart: one row per label, one segment per series
 * (ns at most H_CHART_SERIES), a legend below. */
void h_chart_bars(html *h, const char *title, const h_bar *rows, size_t n, const char *const *series, size_t ns);

/* A thin bar, part of whole filled (a score). */
void h_chart_meter(html *h, long part, long whole);

/* A line chart over scans, oldest first: one polyline per series
 * (v[point * ns + s]), x labels (data, escaped) under the first and last
 * points, a legend. */
void h_chart_lines(html *h, const char *title, const char *const *labels, const long *v, size_t n,
                   const char *const *series, size_t ns);

#endif
