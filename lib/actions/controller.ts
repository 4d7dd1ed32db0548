"use server";

import { z } from "zod";
import { consoleAction } from "./action-client";
import {
  applyModelSchema,
  assignSchema,
  copyAssignmentsSchema,
  firstSuperadminSchema,
  newUserSchema,
  saveModelSchema,
  securitySettingsSchema,
  unassignSchema,
  updateUserSchema,
} from "@/lib/schemas/user";
import { updateSecuritySettings } from "@/lib/server/controller/update-security-settings";
import { saveDelegatedAuth } from "@/lib/server/controller/delegated-auth";
import { saveDelegatedAuthSchema } from "@/lib/schemas/delegated-auth";
import { applyAssignmentModel, copyAssignments, saveAssignmentModel } from "@/lib/server/profile/assignment-models";
import { createFirstSuperadmin } from "@/lib/server/user/create-first-superadmin";
import { createUser } from "@/lib/server/user/create-user";
import { updateUser } from "@/lib/server/user/update-user";
import { assignProfile, unassignProfile } from "@/lib/server/profile/assign-profile";
import { setControllerStatus } from "@/lib/server/controller/set-controller-status";
import type { Actor } from "@/lib/server/actor";

const who = (ctx: Actor) => ({
  accountId: ctx.accountId,
  actor: ctx.actor,
  ip: ctx.ip,
});

export const createFirstSuperadminAction = consoleAction("controller", firstSuperadminSchema, (input, ctx) =>
  createFirstSuperadmin(who(ctx), input),
);

export const createUserAction = consoleAction("controller", newUserSchema, (input, ctx) => createUser(who(ctx), input));

export const updateUserAction = consoleAction("controller", updateUserSchema, ({ userId, ...changes }, ctx) =>
  updateUser(who(ctx), userId, changes),
);

export const assignProfileAction = consoleAction("controller", assignSchema, (input, ctx) =>
  assignProfile(who(ctx), input.planningId, input.profile, input.userIds),
);

export const unassignProfileAction = consoleAction("controller", unassignSchema, (input, ctx) =>
  unassignProfile(who(ctx), input.planningId, input.userId),
);

export const setControllerStatusAction = consoleAction("controller", z.object({ running: z.boolean() }), (input, ctx) =>
  setControllerStatus(who(ctx), input.running),
);

export const updateSecuritySettingsAction = consoleAction("controller", securitySettingsSchema, (input, ctx) =>
  updateSecuritySettings(who(ctx), input),
);

export const saveAssignmentModelAction = consoleAction("controller", saveModelSchema, (input, ctx) =>
  saveAssignmentModel(who(ctx), input.planningId, input.name),
);

export const applyAssignmentModelAction = consoleAction("controller", applyModelSchema, (input, ctx) =>
  applyAssignmentModel(who(ctx), input.planningId, input.modelId),
);

export const copyAssignmentsAction = consoleAction("controller", copyAssignmentsSchema, (input, ctx) =>
  copyAssignments(who(ctx), input.planningId, input.fromPlanningId),
);

export const saveDelegatedAuthAction = consoleAction("controller", saveDelegatedAuthSchema, (input, ctx) =>
  saveDelegatedAuth(who(ctx), input.protocol, input.settings),
);
