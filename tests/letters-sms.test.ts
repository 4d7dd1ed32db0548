import { randomUUID } from "node:crypto";
import { createServer } from "node:http";
import type { AddressInfo } from "node:net";
import { describe, expect, it } from "vitest";
import { db } from "@/lib/db";
import { readSmsOutbox } from "@/lib/dev/outboxes";
import { smsLength, smsLengthLabel } from "@/lib/letters/sms-length";
import { getLetterBatch } from "@/lib/server/letters/batch-progress";
import { startLetterBatch } from "@/lib/server/letters/letter-batches";
import { saveLetterModel } from "@/lib/server/letters/letter-models";
import { listRecipients } from "@/lib/server/letters/recipients";
import { runLetterBatch } from "@/lib/server/letters/run-letter-batch";
import { siecleSchool } from "./support/siecle-school";

const school = siecleSchool;

describe("SMS length as the network counts it", () => {
  it("gives 160 / 306 in the GSM alphabet, 70 / 134 outside it, extension characters twice", () => {
    expect(smsLength("a".repeat(160))).toMatchObject({ length: 160, parts: 1, unicode: false });
    expect(smsLength("a".repeat(161)).parts).toBe(2);
    expect(smsLength("é".repeat(306))).toMatchObject({ parts: 2, max: 306 });
    expect(smsLength("a".repeat(307)).parts).toBe(3);
    expect(smsLength("€").length).toBe(2);
    expect(smsLength(`Fenêtre ${"a".repeat(62)}`)).toMatchObject({ unicode: true, length: 70, parts: 1, max: 134 });
    expect(smsLengthLabel("Bonjour")).toBe("7 / 160 caractères (1 SMS)");
    expect(smsLengthLabel("a".repeat(400))).toBe("400 / 306 caractères (trop long)");
  });
});

describe("Letters by SMS: 'Connexion des responsables (SMS)'", () => {
  it("sends 4,998 responsables' SMS to those with a mobile who accept them, each once, within two messages", {
    timeout: 180_000,
  }, async () => {
    const s = await school(2500);
    const reachable = await db.espacePerson.count({
      where: { accountId: s.account.accountId, population: "RESPONSABLES", mobile: { not: "" }, acceptsSms: true },
    });
    expect(reachable).toBeGreaterThan(3000);
    expect((await listRecipients(s.account.accountId, "RESPONSABLES", {})).withSms).toBe(reachable);
    const input = {
      population: "RESPONSABLES" as const,
      modelId: s.model("Connexion des responsables (SMS)"),
      output: "SMS" as const,
      attachPdf: false,
      withQr: true,
      selection: { filter: {} },
    };
    // 50 "Envoyer les SMS" at once start one batch.
    const starts = await Promise.all(Array.from({ length: 50 }, () => startLetterBatch(s.ctx, { ...input, requestKey: randomUUID() })));
    expect(new Set(starts.map((b) => b.batchId)).size).toBe(1);
    const { batchId, total, withoutEmail } = starts[0];
    expect(total).toBe(4998);
    expect(withoutEmail).toBe(4998 - reachable);
    const before = readSmsOutbox().length;
    const start = performance.now();
    await Promise.all([runLetterBatch(batchId), runLetterBatch(batchId)]);
    console.log(`SMS: ${reachable} sent in ${(performance.now() - start).toFixed(0)} ms`);
    await runLetterBatch(batchId);
    const sent = readSmsOutbox().slice(before);
    expect(sent).toHaveLength(reachable);
    expect(new Set(sent.map((m) => m.to)).size).toBe(reachable);
    const people = await db.espacePerson.findMany({
      where: { accountId: s.account.accountId, population: "RESPONSABLES", acceptsSms: true },
      select: { mobile: true, loginId: true },
    });
    const loginOf = new Map(people.map((p) => [p.mobile, p.loginId]));
    for (const sms of sent) {
      expect(sms.text).toContain(`Identifiant : ${loginOf.get(sms.to)}`);
      expect(sms.text).toMatch(/Mot de passe provisoire : \S+/);
      expect(sms.text).not.toMatch(/QR code|Code de sécurité/);
      expect(smsLength(sms.text).parts).toBeLessThanOrEqual(2);
    }
    expect(await getLetterBatch(s.ctx, batchId)).toMatchObject({
      status: "DONE",
      sent: reachable,
      failed: 0,
      withoutEmail: 4998 - reachable,
    });
    // No token was issued: an SMS carries no QR code.
    expect(await db.letterToken.count({ where: { accountId: s.account.accountId } })).toBe(0);
  });

  it("keeps SMS models free of QR codes, and each output to its own models", async () => {
    const s = await school(3);
    const smsModel = s.model("Connexion des responsables (SMS)");
    await expect(saveLetterModel(s.ctx, smsModel, "[Identifiant]\n[QR code]")).rejects.toThrow(
      "Un SMS ne peut pas contenir la balise [QR code]",
    );
    await expect(saveLetterModel(s.ctx, smsModel, "a".repeat(320))).rejects.toThrow("Ce SMS dépasse 306 caractères");
    const base = {
      requestKey: randomUUID(),
      population: "RESPONSABLES" as const,
      attachPdf: false,
      withQr: false,
      selection: { filter: {} },
    };
    await expect(startLetterBatch(s.ctx, { ...base, modelId: s.model("Connexion des responsables"), output: "SMS" })).rejects.toThrow(
      "Choisissez un modèle de SMS",
    );
    await expect(startLetterBatch(s.ctx, { ...base, modelId: smsModel, output: "PDF" })).rejects.toThrow("Ce modèle est un SMS");
    expect(await db.letterBatch.count({ where: { accountId: s.account.accountId } })).toBe(0);
  });
});

describe("Letters by SMS when the provider is down", () => {
  it("waits for the provider, then sends each SMS once", { timeout: 120_000 }, async () => {
    const s = await school(20);
    const received: { to: string; text: string }[] = [];
    const provider = createServer((request, response) => {
      let body = "";
      request.on("data", (c) => {
        body += c;
      });
      request.on("end", () => {
        expect(request.headers.authorization).toBe("Bearer jeton-du-fournisseur");
        received.push(JSON.parse(body));
        response.writeHead(200).end("{}");
      });
    });
    // A port nobody listens on yet: the provider is "down".
    await new Promise<void>((resolve) => provider.listen(0, "127.0.0.1", resolve));
    const port = (provider.address() as AddressInfo).port;
    await new Promise<void>((resolve) => provider.close(() => resolve()));
    const env = {
      SMS_TRANSPORT: process.env.SMS_TRANSPORT,
      SMS_HTTP_URL: process.env.SMS_HTTP_URL,
      SMS_HTTP_TOKEN: process.env.SMS_HTTP_TOKEN,
    };
    Object.assign(process.env, {
      SMS_TRANSPORT: "http",
      SMS_HTTP_URL: `http://127.0.0.1:${port}/sms`,
      SMS_HTTP_TOKEN: "jeton-du-fournisseur",
    });
    try {
      const { batchId } = await startLetterBatch(s.ctx, {
        requestKey: randomUUID(),
        population: "RESPONSABLES",
        modelId: s.model("Connexion des responsables (SMS)"),
        output: "SMS",
        attachPdf: false,
        withQr: false,
        selection: { filter: {} },
      });
      const running = runLetterBatch(batchId);
      await expect
        .poll(async () => (await getLetterBatch(s.ctx, batchId)).waitingReason, { timeout: 20_000 })
        .toBe("Le fournisseur de SMS ne répond pas : l'envoi reprendra dès qu'il répondra.");
      expect(received).toHaveLength(0);
      await new Promise<void>((resolve) => provider.listen(port, "127.0.0.1", resolve));
      await running;
      const batch = await getLetterBatch(s.ctx, batchId);
      expect(batch).toMatchObject({ status: "DONE", failed: 0, waitingReason: "" });
      expect(received).toHaveLength(batch.sent);
      expect(new Set(received.map((m) => m.to)).size).toBe(batch.sent);
      expect(batch.sent).toBe(batch.total - batch.withoutEmail);
    } finally {
      Object.assign(process.env, env);
      for (const [key, value] of Object.entries(env)) if (value === undefined) delete process.env[key];
      await new Promise<void>((resolve) => provider.close(() => resolve()));
    }
  });
});
