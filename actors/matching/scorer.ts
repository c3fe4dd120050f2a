import type { OfferLine } from '../domain/offer-line.js';
import type { MarketConfig } from './market-config.js';
import { dayNumber, Destinations, RequestColumns, type ColumnRequest } from './request-columns.js';
import { OfferKernel } from './score-kernel.js';

/**
 * What matching scores with for one market configuration and one day: the kernel
 * (score-kernel.ts) and the destinations it has met. The reasons' text is not made here;
 * scoreMatch writes it for the matches someone reads.
 */
export class Scorer {
  readonly destinations = new Destinations();
  private readonly asOfDay: number;

  constructor(readonly market: MarketConfig, readonly asOf: string) {
    this.asOfDay = dayNumber(asOf);
  }

  forOffer(offer: OfferLine): OfferKernel {
    return new OfferKernel(offer, this.market, this.asOfDay, this.destinations);
  }

  columns(requests: readonly ColumnRequest[]): RequestColumns {
    return new RequestColumns(requests, this.destinations, this.market);
  }
}
