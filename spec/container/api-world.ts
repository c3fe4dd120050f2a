import { randomUUID } from 'node:crypto';
import { Parser } from 'htmlparser2';
import type { Db } from '../../db/client.js';

/** Offers, mills and SVG checks for the container API and actor tests. */

export interface OfferFacts {
  grade?: string;
  gsm?: number;
  width_mm?: number | null;
  sheet_mm?: number[] | null;
  diameter_mm?: number | null;
  core_mm?: number | null;
  quantity_t?: number | null;
  quantity_shared?: boolean;
  reels?: number | null;
  incoterm?: string | null;
  incoterm_place?: string | null;
  mill_id?: string | null;
  status?: string;
  exclusive_buyer_id?: string | null;
}

export async function addMill(sql: Db, name: string): Promise<string> {
  const id = randomUUID();
  await sql`insert into mills (id, name, country) values (${id}, ${name}, 'DE')`;
  return id;
}

export async function addOffer(sql: Db, facts: OfferFacts = {}): Promise<string> {
  const id = randomUUID();
  const row = {
    id, grade: 'testliner-3', gsm: 125, width_mm: 2200, sheet_mm: null, diameter_mm: 1250, core_mm: 76,
    quantity_t: null, quantity_shared: false, reels: 18, incoterm: 'FCA', incoterm_place: 'mill', mill_id: null,
    status: 'open', exclusive_buyer_id: null, source: 'test', ...facts,
  };
  await sql`insert into offers ${sql(row as never)}`;
  return id;
}

export async function countRows(sql: Db): Promise<{ plans: number; messages: number }> {
  const [plans] = await sql<{ n: number }[]>`select count(*)::int as n from container_plans`;
  const [messages] = await sql<{ n: number }[]>`select count(*)::int as n from mailbox where actor = 'container'`;
  return { plans: plans!.n, messages: messages!.n };
}

export interface SvgFacts {
  root: string;
  attributes: Record<string, string>;
  circles: number;
  texts: string[];
}

/**
 * Parses an SVG as XML and checks it is well formed (every element closed in order, one
 * root); returns what the tests look at.
 */
export function readSvg(svg: string): SvgFacts {
  const stack: string[] = [];
  const facts: SvgFacts = { root: '', attributes: {}, circles: 0, texts: [] };
  let roots = 0;
  let error: Error | null = null;
  const parser = new Parser({
    onopentag(name, attributes) {
      if (stack.length === 0) { roots++; facts.root = name; facts.attributes = attributes; }
      if (name === 'circle') facts.circles++;
      stack.push(name);
    },
    onclosetag(name) {
      if (stack.pop() !== name) error = new Error(`</${name}> closes the wrong element`);
    },
    ontext(text) {
      if (stack.at(-1) === 'text' || stack.at(-1) === 'title') facts.texts.push(text);
    },
    onerror(err) { error = err; },
  }, { xmlMode: true, recognizeSelfClosing: true });
  parser.write(svg);
  parser.end();
  if (error) throw error;
  if (stack.length > 0) throw new Error(`unclosed elements: ${stack.join(', ')}`);
  if (roots !== 1) throw new Error(`${roots} root elements`);
  return facts;
}
