import type { Method, RequestMessage, Requests, ResponseMessage } from './protocol';

/** Promise-shaped calls to the worker; answers come back in the order asked. */
export class ServiceClient {
  private nextId = 1;
  private readonly waiting = new Map<number, { resolve: (value: unknown) => void; reject: (error: Error) => void }>();

  constructor(private readonly worker: Worker) {
    worker.onmessage = (event: MessageEvent<ResponseMessage>) => {
      const response = event.data;
      const waiter = this.waiting.get(response.id);
      if (!waiter) return;
      this.waiting.delete(response.id);
      if (response.ok) waiter.resolve(response.result);
      else waiter.reject(new Error(response.error));
    };
  }

  request<M extends Method>(method: M, params: Requests[M]['params']): Promise<Requests[M]['result']> {
    const id = this.nextId++;
    const message: RequestMessage<M> = { id, method, params };
    return new Promise((resolve, reject) => {
      this.waiting.set(id, { resolve: resolve as (value: unknown) => void, reject });
      this.worker.postMessage(message);
    });
  }
}

/**
 * The worker runs from a blob: URL made of its bundled source. Chromium refuses
 * `new Worker('worker.js')` on a file:// page (an opaque origin), and the page must work there.
 */
export function startWorker(source: string): Worker {
  const url = URL.createObjectURL(new Blob([source], { type: 'text/javascript' }));
  return new Worker(url, { name: 'ipsec-lint language service' });
}
