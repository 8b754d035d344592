/* pim-test-server-certs.c: the test certificates: where they are and
 * which file is which
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 *
 * The directory of the certificates tests/tls/gen-test-certs.sh wrote, and
 * the CA files of pim-test-server.h, each found once and kept.
 */

#include "pim-test-server.h"

#include <gio/gio.h>

/* ------------------------------------------------------------------------ */
/* Certificates                                                              */

const char *
pim_test_server_get_certs_dir (void)
{
  static char *dir = NULL;

  if (g_once_init_enter (&dir))
    {
      const char *env = g_getenv ("PIM_TEST_CERTS_DIR");
      char       *found;

      if (env != NULL && *env != '\0')
        found = g_canonicalize_filename (env, NULL);
      else
        {
#ifdef PIM_TEST_CERTS_DIR
          found = g_canonicalize_filename (PIM_TEST_CERTS_DIR, NULL);
#else
          g_autofree char *built = g_build_filename (g_test_get_dir (G_TEST_BUILT), "tls", NULL);
          found = g_canonicalize_filename (built, NULL);
#endif
        }

      g_once_init_leave (&dir, found);
    }

  return dir;
}

static const char *
cert_path (const char *basename, char **slot)
{
  if (g_once_init_enter (slot))
    {
      char *path = g_build_filename (pim_test_server_get_certs_dir (), basename, NULL);

      g_once_init_leave (slot, path);
    }

  return *slot;
}

const char *
pim_test_server_get_ca_file (void)
{
  static char *path = NULL;

  return cert_path ("ca.pem", &path);
}

const char *
pim_test_server_get_other_ca_file (void)
{
  static char *path = NULL;

  return cert_path ("other-ca.pem", &path);
}
