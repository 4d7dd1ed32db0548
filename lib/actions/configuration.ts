"use server";

import { hostingAction } from "./action-client";
import {
  associateControllerDomainSchema,
  associatePlanningDomainSchema,
  renamePlanningSchema,
  setNetLicenceSchema,
  setTimeZoneSchema,
} from "@/lib/schemas/configuration";
import { associateControllerDomain } from "@/lib/server/controller/associate-controller-domain";
import { associatePlanningDomain } from "@/lib/server/planning/associate-planning-domain";
import { renamePlanning, setPlanningNetLicence, setPlanningTimeZone } from "@/lib/server/planning/update-planning";

const ACTOR = "responsable";

export const associateControllerDomainAction = hostingAction(associateControllerDomainSchema, (input, ctx) =>
  associateControllerDomain({ accountId: ctx.accountId, actor: ACTOR, ip: ctx.ip, domain: input.domain }),
);

export const associatePlanningDomainAction = hostingAction(associatePlanningDomainSchema, (input, ctx) =>
  associatePlanningDomain({ accountId: ctx.accountId, actor: ACTOR, ip: ctx.ip, ...input }),
);

export const renamePlanningAction = hostingAction(renamePlanningSchema, (input, ctx) =>
  renamePlanning({ accountId: ctx.accountId, actor: ACTOR, ip: ctx.ip }, input.planningId, input.name),
);

export const setPlanningNetLicenceAction = hostingAction(setNetLicenceSchema, (input, ctx) =>
  setPlanningNetLicence({ accountId: ctx.accountId, actor: ACTOR, ip: ctx.ip }, input.planningId, input.enabled),
);

export const setPlanningTimeZoneAction = hostingAction(setTimeZoneSchema, (input, ctx) =>
  setPlanningTimeZone({ accountId: ctx.accountId, actor: ACTOR, ip: ctx.ip }, input.planningId, input.timeZone),
);
