import { Module } from '@nestjs/common';
import { IndexingModule } from '../indexing/indexing.module';
import { SEARCH_ENGINE } from '../indexing/search-engine.factory';
import { ProductMatcher } from '../matching/product-matcher';
import type { SearchEngine } from '../search/search-engine';
import { LiveMatchingHandler } from './live-matching.handler';

/** Transcripts and keypad digits in, `matchesFoundV1` out, through the one ProductMatcher. */
@Module({
  imports: [IndexingModule],
  providers: [{ provide: ProductMatcher, inject: [SEARCH_ENGINE], useFactory: (engine: SearchEngine) => new ProductMatcher(engine) }, LiveMatchingHandler],
})
export class LiveMatchingModule {}
