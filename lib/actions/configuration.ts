"use server";

import { consoleAction } from "./action-client";
import {
  associateControllerDomainSchema,
  associatePlanningDomainSchema,
  renamePlanningSchema,
  setNetLicenceSchema,
  setTimeZoneSchema,
} from "@/lib/schemas/configuration";
import { associateControllerDomain } from "@/lib/server/controller/associate-controller-domain";
import { associatePlanningDomain } from "@/lib/server/planning/associate-planning-domain";
import { checkDomainAvailable } from "@/lib/server/configuration/domain-name";
import { renamePlanning, setPlanningNetLicence, setPlanningTimeZone } from "@/lib/server/planning/update-planning";

export const associateControllerDomainAction = consoleAction("configuration", associateControllerDomainSchema, (input, ctx) =>
  associateControllerDomain({ accountId: ctx.accountId, actor: ctx.actor, ip: ctx.ip, domain: input.domain }),
);

/** F3: the name checked before the confirmation window (of the controller, or of a planning). */
export const checkDomainAction = consoleAction(
  "configuration",
  associateControllerDomainSchema.extend({ planningId: associatePlanningDomainSchema.shape.planningId.optional() }),
  (input, ctx) => checkDomainAvailable(ctx.accountId, { planningId: input.planningId }, input.domain),
);

export const associatePlanningDomainAction = consoleAction("configuration", associatePlanningDomainSchema, (input, ctx) =>
  associatePlanningDomain({ accountId: ctx.accountId, actor: ctx.actor, ip: ctx.ip, ...input }),
);

export const renamePlanningAction = consoleAction("configuration", renamePlanningSchema, (input, ctx) =>
  renamePlanning({ accountId: ctx.accountId, actor: ctx.actor, ip: ctx.ip }, input.planningId, input.name),
);

export const setPlanningNetLicenceAction = consoleAction("configuration", setNetLicenceSchema, (input, ctx) =>
  setPlanningNetLicence({ accountId: ctx.accountId, actor: ctx.actor, ip: ctx.ip }, input.planningId, input.enabled),
);

export const setPlanningTimeZoneAction = consoleAction("configuration", setTimeZoneSchema, (input, ctx) =>
  setPlanningTimeZone({ accountId: ctx.accountId, actor: ctx.actor, ip: ctx.ip }, input.planningId, input.timeZone),
);
