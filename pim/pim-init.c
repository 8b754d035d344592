/* pim-init.c: library-wide set-up
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */

#include "pim-private.h"

#include <locale.h>

/* The translation domain is bound once, when the library is loaded, so that
 * every error message is translated without the caller doing anything. */
static void pim_bind_text_domain (void) __attribute__ ((constructor));

static void
pim_bind_text_domain (void)
{
  bindtextdomain (GETTEXT_PACKAGE, LOCALEDIR);
  bind_textdomain_codeset (GETTEXT_PACKAGE, "UTF-8");
}
