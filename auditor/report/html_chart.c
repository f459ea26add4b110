/* html_chart.c -- report.html's inline SVG charts (html_chart.h). */
#include "report/html_chart.h"

#include <stdio.h>
#include <string.h>

#include "ca_limits.h"

/* s escaped, cut to at most max characters (with an ellipsis): chart labels
 * have a fixed width; the full text is in the tables. */
static void esc_cut(html *h, const char *s, size_t max) {
  char cut[CA_CHART_LABEL_CHARS * 4 + 8];   /* max UTF-8 characters of 4 bytes, and room to spare */
  size_t i = 0, chars = 0;
  if (!s || !*s) s = "(none)";
  while (s[i] && chars < max && i < sizeof cut - 8) {
    i++;
    while ((s[i] & 0xC0) == 0x80 && i < sizeof cut - 4) i++;   /* to the next character */
    chars++;
  }
  snprintf(cut, sizeof cut, "%.*s", (int)i, s);
  h_esc(h, cut, "");
  if (s[i]) h_put(h, "\u2026");
}

/* The legend: a swatch and the word (underscores as spaces), ~7 px a letter. */
static void legend(html *h, size_t y, const char *const *series, size_t ns, const char *shape) {
  size_t x = 10;
  for (size_t s = 0; s < ns; s++) {
    char word[32];
    snprintf(word, sizeof word, "%s", series[s]);
    for (char *u = strchr(word, '_'); u; u = strchr(u, '_')) *u = ' ';
    if (!strcmp(shape, "line"))
      h_putf(h, "<rect class=\"seg-%s\" x=\"%zu\" y=\"%zu\" width=\"12\" height=\"4\"></rect>", series[s], x, y + 4);
    else
      h_putf(h, "<rect class=\"seg-%s\" x=\"%zu\" y=\"%zu\" width=\"12\" height=\"12\"></rect>", series[s], x, y);
    h_putf(h, "<text x=\"%zu\" y=\"%zu\">%s</text>", x + 16, y + 11, word);
    x += 16 + 7 * strlen(word) + 16;
  }
}

void h_chart_bars(html *h, const char *title, const h_bar *rows, size_t n, const char *const *series, size_t ns) {
  enum { LABEL = 150, WIDTH = 380, ROW = 26, BAR = 17, TOTAL = 50 };
  if (ns > H_CHART_SERIES) ns = H_CHART_SERIES;
  long max = 1;
  for (size_t i = 0; i < n; i++) {
    long t = 0;
    for (size_t s = 0; s < ns; s++) t += rows[i].v[s];
    if (t > max) max = t;
  }
  /* the legend wraps at the chart's width: ~7 px a letter */
  size_t lines = 1, x = 10;
  for (size_t s = 0; s < ns; s++) {
    size_t w = 16 + 7 * strlen(series[s]) + 16;
    if (x + w > LABEL + WIDTH + TOTAL) lines++, x = 10;
    x += w;
  }
  size_t height = n * ROW + 10 + 20 * lines;
  h_putf(h, "<svg role=\"img\" width=\"%d\" height=\"%zu\" viewBox=\"0 0 %d %zu\"><title>", LABEL + WIDTH + TOTAL,
         height, LABEL + WIDTH + TOTAL, height);
  h_put(h, title);
  h_put(h, "</title>\n");
  for (size_t i = 0; i < n; i++) {
    size_t y = i * ROW + 4;
    h_putf(h, "<text x=\"%d\" y=\"%zu\" text-anchor=\"end\">", LABEL - 8, y + 13);
    esc_cut(h, rows[i].label, CA_CHART_LABEL_CHARS);
    h_put(h, "</text>");
    long cum = 0, t = 0;
    for (size_t s = 0; s < ns; s++) t += rows[i].v[s];
    for (size_t s = 0; s < ns; s++) {
      if (rows[i].v[s] <= 0) continue;
      long x0 = cum * WIDTH / max;
      cum += rows[i].v[s];
      long x1 = cum * WIDTH / max;
      if (x1 == x0) x1 = x0 + 1;   /* a count is never invisible */
      h_putf(h, "<rect class=\"seg-%s\" x=\"%ld\" y=\"%zu\" width=\"%ld\" height=\"%d\"><title>%ld %s</title></rect>",
             series[s], LABEL + x0, y, x1 - x0, BAR, rows[i].v[s], series[s]);
    }
    h_putf(h, "<text x=\"%ld\" y=\"%zu\">%ld</text>\n", LABEL + cum * WIDTH / max + 6, y + 13, t);
  }
  /* the legend, wrapped as measured above */
  size_t y = n * ROW + 8, from = 0;
  x = 10;
  for (size_t s = 0; s <= ns; s++) {
    size_t w = s < ns ? 16 + 7 * strlen(series[s]) + 16 : 0;
    if (s == ns || x + w > LABEL + WIDTH + TOTAL) {
      legend(h, y, series + from, s - from, "box");
      y += 20, from = s, x = 10;
    }
    x += w;
  }
  h_put(h, "\n</svg>\n");
}

void h_chart_meter(html *h, long part, long whole) {
  enum { W = 200, H = 8 };
  long fill = whole > 0 && part > 0 ? part * W / whole : 0;
  if (part > 0 && !fill) fill = 1;
  h_putf(h, "<svg class=\"meter\" role=\"img\" width=\"%d\" height=\"%d\" viewBox=\"0 0 %d %d\"><title>%ld of %ld"
            "</title><rect class=\"seg-track\" x=\"0\" y=\"0\" width=\"%d\" height=\"%d\"></rect>"
            "<rect class=\"seg-passing\" x=\"0\" y=\"0\" width=\"%ld\" height=\"%d\"></rect></svg>",
         W, H, W, H, part, whole, W, H, fill, H);
}

void h_chart_lines(html *h, const char *title, const char *const *labels, const long *v, size_t n,
                   const char *const *series, size_t ns) {
  enum { LEFT = 40, WIDTH = 500, TOP = 10, HEIGHT = 140, BOTTOM = 50 };
  long max = 1;
  for (size_t i = 0; i < n * ns; i++)
    if (v[i] > max) max = v[i];
  size_t total_h = TOP + HEIGHT + BOTTOM;
  h_putf(h, "<svg role=\"img\" width=\"%d\" height=\"%zu\" viewBox=\"0 0 %d %zu\"><title>", LEFT + WIDTH + 20,
         total_h, LEFT + WIDTH + 20, total_h);
  h_put(h, title);
  h_put(h, "</title>\n");
  /* axes: zero and the maximum */
  h_putf(h, "<rect class=\"seg-axis\" x=\"%d\" y=\"%d\" width=\"%d\" height=\"1\"></rect>"
            "<text x=\"%d\" y=\"%d\" text-anchor=\"end\">0</text><text x=\"%d\" y=\"%d\" text-anchor=\"end\">%ld</text>\n",
         LEFT, TOP + HEIGHT, WIDTH, LEFT - 6, TOP + HEIGHT + 4, LEFT - 6, TOP + 8, max);
  for (size_t s = 0; s < ns; s++) {
    h_putf(h, "<polyline class=\"ln-%s\" points=\"", series[s]);
    for (size_t i = 0; i < n; i++) {
      long x = LEFT + (n > 1 ? (long)(i * WIDTH / (n - 1)) : WIDTH / 2);
      long y = TOP + HEIGHT - v[i * ns + s] * HEIGHT / max;
      h_putf(h, "%s%ld,%ld", i ? " " : "", x, y);
    }
    h_put(h, "\"></polyline>\n");
    for (size_t i = 0; i < n; i++) {
      long x = LEFT + (n > 1 ? (long)(i * WIDTH / (n - 1)) : WIDTH / 2);
      long y = TOP + HEIGHT - v[i * ns + s] * HEIGHT / max;
      h_putf(h, "<circle class=\"seg-%s\" cx=\"%ld\" cy=\"%ld\" r=\"3\"><title>%ld %s</title></circle>", series[s], x,
             y, v[i * ns + s], series[s]);
    }
    h_put(h, "\n");
  }
  if (n) {   /* the first and last scan's dates */
    h_putf(h, "<text x=\"%d\" y=\"%d\">", LEFT, TOP + HEIGHT + 16);
    esc_cut(h, labels[0], CA_CHART_LABEL_CHARS);
    h_put(h, "</text>");
    if (n > 1) {
      h_putf(h, "<text x=\"%d\" y=\"%d\" text-anchor=\"end\">", LEFT + WIDTH, TOP + HEIGHT + 16);
      esc_cut(h, labels[n - 1], CA_CHART_LABEL_CHARS);
      h_put(h, "</text>");
    }
  }
  legend(h, TOP + HEIGHT + 26, series, ns, "line");
  h_put(h, "\n</svg>\n");
}
