// What a teacher sees from the New class dialog's request: a scenario never goes with a cluster (the server refuses
// both), and a refusal is the server's own sentence (with advice on 429), never "[object Object]" or a crash.
import { describe, expect, it } from 'vitest';
import { createRoomSchema } from '../../shared/protocol/schemas.ts';
import { classRoomRequest, createClassRoom, maskedPresenterUrl, type ClassForm } from './createClassRoom.ts';

const form: ClassForm = { name: '', scenario: '', cluster: { masters: 3, agents: 2, publicAgents: 1 } };
const reply = (status: number, body: unknown) => (async () => new Response(JSON.stringify(body), { status })) as unknown as typeof fetch;

describe('classRoomRequest', () => {
  it('sends the cluster for a plain boot and only the scenario for a scenario, both valid for the server', () => {
    const plain = classRoomRequest(form);
    expect(plain).toEqual({ cluster: { masters: 3, agents: 2, publicAgents: 1 } });
    const scenario = classRoomRequest({ ...form, scenario: 'zk-quorum-loss', name: '  lab-2 ' });
    expect(scenario).toEqual({ name: 'lab-2', scenario: 'zk-quorum-loss' });
    expect(createRoomSchema.safeParse(plain).success).toBe(true);
    expect(createRoomSchema.safeParse(scenario).success).toBe(true);
  });
});

describe('createClassRoom', () => {
  it('returns the links of a created room', async () => {
    const created = { room: 'class-1', presenterKey: 'k', presenterUrl: 'http://h/?room=class-1#key=k', viewerUrl: 'http://h/?room=class-1' };
    expect(await createClassRoom(form, reply(201, created))).toEqual({ ok: true, created });
  });

  it("shows the server's reason for a 400 and advice for a 429", async () => {
    expect(await createClassRoom(form, reply(400, { error: 'room names are 1-32 characters' }))).toEqual({ ok: false, error: 'room names are 1-32 characters' });
    const limited = await createClassRoom(form, reply(429, { error: 'at most 3 rooms per address' }));
    expect(limited.ok === false && limited.error).toMatch(/^at most 3 rooms per address \(try again later/);
  });

  it('says the server could not be reached when the request fails, and names the status of an unreadable answer', async () => {
    const offline = (async () => { throw new TypeError('Failed to fetch'); }) as unknown as typeof fetch;
    expect(await createClassRoom(form, offline)).toMatchObject({ ok: false, error: expect.stringMatching(/Could not reach/) });
    const html = (async () => new Response('<html>', { status: 502 })) as unknown as typeof fetch;
    expect(await createClassRoom(form, html)).toEqual({ ok: false, error: 'the server answered HTTP 502' });
  });
});

describe('maskedPresenterUrl', () => {
  it('hides the key and nothing else', () => {
    expect(maskedPresenterUrl('http://10.0.0.5:3000/?room=c-1#key=s3cr3t')).toBe('http://10.0.0.5:3000/?room=c-1#key=••••••••');
  });
});
