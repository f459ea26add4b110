/* html_findings.h -- report.html's findings, checklist and inventory
 * sections (html_findings.c), written for html.c's page. */
#ifndef CA_REPORT_HTML_FINDINGS_H
#define CA_REPORT_HTML_FINDINGS_H
#include "report/html_util.h"

void h_findings(html *h);
void h_checklist(html *h);
void h_inventory(html *h);

#endif
