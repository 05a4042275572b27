import { Module } from '@nestjs/common';
import { CartRequestsHandler } from './cart-requests.handler';
import { CartsService } from './carts.service';
import { CatalogueProducts } from './catalogue-products';

/** The shared cart of a customer (or of a call while the caller is unknown), priced by the catalogue. */
@Module({ providers: [CatalogueProducts, CartsService, CartRequestsHandler] })
export class CartsModule {}
