/* Placeholder until the display lands. */
#include "bb_app.h"

#include "bb_log.h"

int bb_app_run(const char *config_path, const bb_options *opts)
{
    (void)config_path; (void)opts;
    bb_log(BB_LOG_ERROR, "the display is not built yet");
    return BB_EXIT_ENVIRONMENT;
}

int bb_app_render(const char *config_path, const bb_options *opts)
{
    (void)config_path; (void)opts;
    bb_log(BB_LOG_ERROR, "rendering is not built yet");
    return BB_EXIT_ENVIRONMENT;
}

int bb_app_check_layout(const struct bb_config *cfg, struct bb_diag_list *diags)
{
    (void)cfg; (void)diags;
    return 0;
}
