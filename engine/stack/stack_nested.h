/* stack_nested: nested stacks, the engine's side of the nested_* members
 * of hh_rctx_ops (res_plugin.h). Internal to engine/stack.
 *
 * A resource that owns a stack (template resource, ResourceGroup,
 * ResourceChain, OS::Heat::Stack) runs on a worker, which never starts
 * an action (stack_engine.h: actions run on the owner's thread). So:
 *   create  the worker commits, in one transaction of its store handle,
 *           the child's template, stack row (CREATE, IN_PROGRESS), its
 *           resources (INIT), its "Stack CREATE started" event and the
 *           child's id as the parent resource's physical id; then it
 *           queues the child's id; the owner's dispatch starts the
 *           child's create (as a resume: the stored states say where the
 *           child stands).
 *   update  the worker commits the child's new template and (UPDATE,
 *           IN_PROGRESS) with a token of the parent's action in the
 *           parent resource's data (one transaction), then queues it; the
 *           owner starts the child's update.
 *   delete  the worker queues the child's id; the owner deletes it as
 *           hh_stack_delete does (a create running on it stops first).
 *   cancel  the worker queues the child's id; the owner cancels its
 *           create or update without rollback (hh_stack_cancel_update),
 *           or with rollback when the parent's own rollback cancelled the
 *           parent's update (and an update by the parent's rollback of a
 *           child whose update runs cancels it so; a child rolling back is
 *           not updated again: Heat's _try_rollback).
 * The parent's checks poll the child's stored state.
 *
 * Crash-resume: a child id is recorded only with the child (one
 * transaction), so a re-handle of the parent resource finds it and
 * creates nothing twice; hh_stack_resume_all resumes children as any
 * stack IN_PROGRESS, and a re-queued child whose action runs already is
 * left alone.
 *
 * Threads: the queue is locked; the op functions run on the worker of
 * the resource's job (or any thread, with its store handle, for the read
 * ops); hh_stack_nested_dispatch on the owner's thread. */
#ifndef HH_STACK_NESTED_H
#define HH_STACK_NESTED_H

#include <jansson.h>

#include "res_plugin.h"
#include "stack_engine.h"

typedef struct hh_stack_nested hh_stack_nested;

/* *out new (free with hh_stack_nested_free); lim borrowed (NULL: the
 * defaults), kept for the limits of max_nested_stack_depth and
 * max_resources_per_stack. */
int hh_stack_nested_new(const hh_tmpl_limits *lim, hh_stack_nested **out);
void hh_stack_nested_free(hh_stack_nested *q); /* q may be NULL */

/* Owner: start the queued child actions. */
void hh_stack_nested_dispatch(hh_stack_engine *e, hh_stack_nested *q);

/* The hh_rctx_ops members (ud: an hh_stack_rctx_hold of stack_model.h). */
int hh_stack_nested_op_create(void *ud, const hh_rnested_spec *spec, char *child_id, hh_error *err);
int hh_stack_nested_op_get(void *ud, const char *child_id, json_t **row, hh_error *err);
int hh_stack_nested_op_resources(void *ud, const char *child_id, json_t **rows, hh_error *err);
int hh_stack_nested_op_resolve(void *ud, const char *child_id, const json_t *snippet,
                               json_t **value, hh_error *err);
int hh_stack_nested_op_outputs(void *ud, const char *child_id, json_t **outputs, hh_error *err);
int hh_stack_nested_op_update(void *ud, const char *child_id, const hh_rnested_spec *spec,
                              const char *token, hh_error *err);
int hh_stack_nested_op_delete(void *ud, const char *child_id, hh_error *err);
int hh_stack_nested_op_cancel(void *ud, const char *child_id, hh_error *err);
int hh_stack_nested_op_template(void *ud, const char *child_id, json_t **tmpl, hh_error *err);

#endif
