/* html_estate.h -- report.html's header and footer for an estate document
 * (html_estate.c), written for html.c's page in place of a single scan's. */
#ifndef CA_REPORT_HTML_ESTATE_H
#define CA_REPORT_HTML_ESTATE_H
#include "report/html_util.h"

void h_estate_header(html *h);
void h_estate_footer(html *h);

#endif
