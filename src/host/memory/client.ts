/**
 * The request machinery of the in-memory Excel: a RequestContext with a queue of operations, proxies
 * (ClientObject) whose calls only queue, `load()` paths, ClientResult, and `sync()` which runs the queue
 * in order against the MemoryWorkbook, meters the request/response JSON against Excel's 5 MB limits,
 * honours fault injection, and only then hands loaded values to the proxies. Excel is not
 * transactional: when an operation fails, the ones before it stay applied.
 *
 * Reading a scalar property that was not loaded and synced throws PropertyNotLoaded — also right after
 * setting it (the simulator is stricter than Office.js here on purpose: read what Excel holds, not
 * what you sent).
 */
import { ErrorCodes, RichApiError, propertyNotLoaded } from "./errors";
import { API_SINCE } from "./versions";
import type { MemoryWorkbook } from "./workbook";

/** 5 MB: Excel's limit on one request and on one response. */
export const PAYLOAD_LIMIT = 5 * 1024 * 1024;

/** A delivered load: what travels back (measured) and how it reaches the proxies. */
export interface Capture {
  payload: unknown;
  deliver: () => void;
}

interface Operation {
  /** JSON-able description of what the add-in sends (measured against the request limit). */
  request: unknown;
  /** Where an error points, e.g. "Range.values". */
  location: string;
  /** Runs against the workbook; a load returns what it captured. */
  exec: () => Capture | void;
  /** Bookkeeping (instantiating a …OrNullObject): not counted in stats.ops nor by failNextSync. */
  internal?: boolean;
}

/** UTF-8 byte length without Node or DOM APIs. */
function utf8Length(text: string): number {
  let bytes = 0;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c < 0x80) bytes += 1;
    else if (c < 0x800) bytes += 2;
    else if (c >= 0xd800 && c <= 0xdbff) {
      bytes += 4;
      i++;
    } else bytes += 3;
  }
  return bytes;
}

function jsonBytes(value: unknown): number {
  return utf8Length(JSON.stringify(value) ?? "");
}

export class MemoryRequestContext {
  private queue: Operation[] = [];
  /** Set when the Excel.run that created this context has finished. */
  closed = false;
  /** Filled by the API module (the workbook and application proxies). */
  workbook!: unknown;
  application!: unknown;

  constructor(readonly data: MemoryWorkbook) {}

  enqueue(op: Operation): void {
    if (this.closed) throw new RichApiError(ErrorCodes.invalidObjectPath, undefined, op.location);
    this.queue.push(op);
  }

  /** Throws ApiNotFound when the simulated Excel lacks the type or member (see ./versions). */
  requireMember(key: string): void {
    const minor = API_SINCE[key];
    if (minor !== undefined) this.requireApi(minor, key);
  }

  /** Throws ApiNotFound when the simulated Excel is older than ExcelApi 1.<minor>. */
  requireApi(minor: number, location: string): void {
    if (this.data.supportedApiMinor < minor)
      throw new RichApiError(ErrorCodes.apiNotFound, undefined, location);
  }

  /** Queue an operation that fails at sync with ApiNotFound when the member is too new. */
  gate(minor: number, location: string): void {
    if (this.data.supportedApiMinor < minor) {
      this.enqueue({ request: { call: location }, location, exec: () => this.requireApi(minor, location) });
    }
  }

  /** Office.js lets a batch keep proxies across runs; here they live for the run, so these do nothing. */
  readonly trackedObjects = {
    add: (_o: unknown): void => undefined,
    remove: (_o: unknown): void => undefined,
  };

  /** Send the queue; resolves with `passThroughValue` as Office.js does. */
  async sync<V = void>(passThroughValue?: V): Promise<V> {
    await this.flush();
    return passThroughValue as V;
  }

  private async flush(): Promise<void> {
    await Promise.resolve();
    const ops = this.queue;
    this.queue = [];
    if (ops.length === 0) return; // nothing to send: no round trip, as in Office.js
    const data = this.data;
    data.stats.syncs += 1;
    const requestBytes = jsonBytes(ops.map((o) => o.request));
    const record = { requestBytes, responseBytes: 0, ops: ops.filter((o) => !o.internal).length };
    data.stats.requests.push(record);
    if (requestBytes > PAYLOAD_LIMIT) throw new RichApiError(ErrorCodes.requestPayloadSizeLimitExceeded);

    const fault = data.pendingFault;
    data.pendingFault = null;
    const limit = fault ? Math.max(0, fault.afterOps ?? 0) : Infinity;
    const captures: Capture[] = [];
    let counted = 0;
    for (const op of ops) {
      if (!op.internal && counted >= limit) break;
      let capture: Capture | void;
      try {
        capture = op.exec();
      } catch (e) {
        if (e instanceof RichApiError) {
          throw e.debugInfo.errorLocation ? e : new RichApiError(e.code, e.message, op.location);
        }
        throw new RichApiError(
          ErrorCodes.generalException,
          e instanceof Error ? e.message : String(e),
          op.location,
        );
      }
      if (capture) captures.push(capture);
      if (!op.internal) counted += 1;
    }
    if (fault)
      throw new RichApiError(fault.code ?? ErrorCodes.generalException, fault.message, "failNextSync");

    record.responseBytes = jsonBytes(captures.map((c) => c.payload));
    if (record.responseBytes > PAYLOAD_LIMIT)
      throw new RichApiError(ErrorCodes.responsePayloadSizeLimitExceeded);
    for (const c of captures) c.deliver();
  }
}

/** A null object's marker from a resolver. */
export const NULL = Symbol("null object");
export type Resolved<T> = T | typeof NULL;

type LoadSpec = string | string[] | { select?: string | string[] } | Record<string, unknown> | undefined;

/** "values, address" / ["values"] / { select: "values" } / { values: true, format: { fill: { color: true } } } → paths. */
function loadPaths(spec: LoadSpec): string[] {
  if (spec === undefined || spec === null) return [];
  if (typeof spec === "string")
    return spec
      .split(",")
      .map((s) => s.trim())
      .filter(Boolean);
  if (Array.isArray(spec)) return spec.flatMap((s) => loadPaths(s));
  const obj = spec as Record<string, unknown>;
  if ("select" in obj && (typeof obj.select === "string" || Array.isArray(obj.select)))
    return loadPaths(obj.select as string | string[]);
  const out: string[] = [];
  const walk = (o: Record<string, unknown>, prefix: string) => {
    for (const [k, v] of Object.entries(o)) {
      if (v === true) out.push(prefix + k);
      else if (v && typeof v === "object") walk(v as Record<string, unknown>, `${prefix}${k}/`);
    }
  };
  walk(obj, "");
  return out;
}

function copy<T>(value: T): T {
  return value === undefined ? value : (JSON.parse(JSON.stringify(value)) as T);
}

/** The base of every proxy. T is what the proxy stands for in the workbook once resolved. */
export abstract class ClientObject<T = unknown> {
  protected readonly loaded = new Map<string, unknown>();
  private cache: Resolved<T> | undefined;
  private nullKnown: boolean | undefined;

  constructor(
    readonly context: MemoryRequestContext,
    /** e.g. "Range" — used in error locations. */
    readonly typeName: string,
    /** Readable path for request metering, e.g. worksheets.getItem("指标评分").getRange("A1"). */
    readonly path: string,
    private readonly resolver: () => Resolved<T>,
    /** Created by a …OrNullObject method: isNullObject is known only after a sync. */
    readonly nullable = false,
  ) {
    if (nullable) {
      context.enqueue({
        request: { instantiate: path },
        location: `${typeName}`,
        internal: true,
        exec: () => {
          const isNull = this.resolve() === NULL;
          return { payload: { isNull }, deliver: () => (this.nullKnown = isNull) };
        },
      });
    }
  }

  /** Scalar properties (what load() with no argument fetches). */
  protected abstract scalarNames(): string[];
  /** Read one scalar property from the resolved target. Throws InvalidArgument for unknown names. */
  protected abstract readScalar(target: T, name: string): unknown;
  /** Navigation properties, for load paths such as "format/fill/color". */
  protected navigation(_name: string): ClientObject | undefined {
    return undefined;
  }
  /** Apply a property set to the resolved target (inside a sync). */
  protected writeScalar(_target: T, name: string, _value: unknown): void {
    throw new RichApiError(
      ErrorCodes.invalidArgument,
      `The property '${name}' is read-only.`,
      `${this.typeName}.${name}`,
    );
  }

  /** Queue a property set (what `proxy.prop = value` does). */
  queueSet(name: string, value: unknown): void {
    this.queueOp(name, { set: value === undefined ? null : value }, (target) =>
      this.writeScalar(target, name, value),
    );
  }

  private readonly children = new Map<string, ClientObject>();

  /** A navigation property's proxy, created once (so what is loaded through it can be read from it). */
  protected nav<C extends ClientObject>(key: string, make: () => C): C {
    let child = this.children.get(key);
    if (!child) {
      child = make();
      this.children.set(key, child);
    }
    return child as C;
  }

  /** Resolve (once; later calls reuse the first resolution, as Excel's object ids do). */
  resolve(): Resolved<T> {
    if (this.cache !== undefined) return this.cache;
    this.context.requireMember(this.typeName);
    const r = this.resolver();
    this.cache = r;
    return r;
  }

  /** Resolve or fail the running operation when this is a null object. */
  resolveTarget(): T | null {
    const r = this.resolve();
    return r === NULL ? null : r;
  }

  get isNullObject(): boolean {
    if (this.nullKnown !== undefined) return this.nullKnown;
    if (this.nullable) throw propertyNotLoaded("isNullObject", this.typeName);
    return false;
  }

  /** Mark properties to fetch at the next sync. */
  load(spec?: LoadSpec): this {
    const paths = loadPaths(spec);
    this.context.enqueue({
      request: { load: this.path, select: paths },
      location: `${this.typeName}.load`,
      exec: () => this.capture(paths.length ? paths : this.scalarNames()),
    });
    return this;
  }

  /** Capture the requested paths from the workbook now (inside a sync). */
  capture(paths: string[]): Capture {
    const target = this.resolve();
    if (target === NULL) {
      return { payload: null, deliver: () => (this.nullKnown = true) };
    }
    const payload: Record<string, unknown> = {};
    const delivers: (() => void)[] = [];
    const nested = new Map<string, string[]>();
    for (const path of paths) {
      const slash = path.indexOf("/");
      if (slash >= 0) {
        const head = path.slice(0, slash);
        nested.set(head, [...(nested.get(head) ?? []), path.slice(slash + 1)]);
        continue;
      }
      if (this.navigation(path) && !this.scalarNames().includes(path)) {
        throw new RichApiError(
          ErrorCodes.invalidArgument,
          `Cannot load the navigation property '${path}' directly; load its properties ("${path}/…").`,
          `${this.typeName}.load`,
        );
      }
      this.context.requireMember(`${this.typeName}.${path}`);
      // readScalar returns fresh values (never the workbook's own objects), so no copy is needed.
      const value = this.readScalar(target, path);
      payload[path] = value;
      delivers.push(() => this.loaded.set(path, value));
    }
    for (const [head, sub] of nested) {
      const child = this.navigation(head);
      if (!child)
        throw new RichApiError(
          ErrorCodes.invalidArgument,
          `Unknown property '${head}'.`,
          `${this.typeName}.load`,
        );
      const c = child.capture(sub);
      payload[head] = c.payload;
      delivers.push(c.deliver);
    }
    return {
      payload,
      deliver: () => {
        this.nullKnown = false;
        for (const d of delivers) d();
      },
    };
  }

  /** The loaded value of a scalar property, or PropertyNotLoaded. */
  protected get<V>(name: string): V {
    if (this.nullKnown === true) return undefined as V;
    if (!this.loaded.has(name)) throw propertyNotLoaded(name, this.typeName);
    return this.loaded.get(name) as V;
  }

  /** Queue an operation on the resolved target (skipped for a null object). */
  protected queueOp(member: string, request: Record<string, unknown>, run: (target: T) => void): void {
    this.context.enqueue({
      request: { path: this.path, member, ...request },
      location: `${this.typeName}.${member}`,
      exec: () => {
        this.context.requireMember(`${this.typeName}.${member}`);
        const target = this.resolveTarget();
        if (target !== null) run(target);
      },
    });
  }

  /** Queue a method whose result comes back as a ClientResult. */
  protected queueResult<V>(
    member: string,
    request: Record<string, unknown>,
    run: (target: T) => V,
  ): ClientResult<V> {
    const result = new ClientResult<V>(`${this.typeName}.${member}`);
    this.context.enqueue({
      request: { path: this.path, member, ...request },
      location: `${this.typeName}.${member}`,
      exec: () => {
        this.context.requireMember(`${this.typeName}.${member}`);
        const target = this.resolveTarget();
        const value = target === null ? (undefined as V) : copy(run(target));
        return { payload: value ?? null, deliver: () => result.deliver(value) };
      },
    });
    return result;
  }

  toJSON(): Record<string, unknown> {
    return Object.fromEntries(this.loaded);
  }
}

/** A method's result, readable after sync (value → PropertyNotLoaded before). */
export class ClientResult<V> {
  private has = false;
  private v: V | undefined;
  constructor(private readonly owner: string) {}
  deliver(value: V): void {
    this.v = value;
    this.has = true;
  }
  get value(): V {
    if (!this.has) throw propertyNotLoaded("value", this.owner);
    return this.v as V;
  }
}

/** Define the scalar properties of a proxy class on its prototype: getters read what was loaded
 *  (PropertyNotLoaded otherwise); setters of the writable ones queue a set. */
export function defineProperties(
  cls: { prototype: object },
  readOnly: string[],
  writable: string[] = [],
): void {
  for (const name of [...readOnly, ...writable]) {
    const desc: PropertyDescriptor = {
      configurable: true,
      enumerable: true,
      get(this: { get(n: string): unknown }) {
        return this.get(name);
      },
    };
    if (writable.includes(name)) {
      desc.set = function (this: ClientObject, value: unknown) {
        this.queueSet(name, value);
      };
    } else {
      desc.set = function (this: ClientObject) {
        throw new RichApiError(
          ErrorCodes.invalidArgument,
          `The property '${name}' is read-only.`,
          `${this.typeName}.${name}`,
        );
      };
    }
    Object.defineProperty(cls.prototype, name, desc);
  }
}
