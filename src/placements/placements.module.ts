import { Module } from '@nestjs/common';

/** Placements of workers under approved labour requests, and contract notifications to the MVD. */
@Module({})
export class PlacementsModule {}
