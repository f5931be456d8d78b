/**
 * Registry of subcommands. Each command lives in its own file and exports `register(program)`.
 * Add one import and one call per command.
 */
import type { Command } from 'commander';
import { register as registerAssess } from './assess';
import { register as registerCohort } from './cohort';
import { register as registerAdjudicate } from './adjudicate';
import { register as registerReviewStats } from './reviewStats';
import { register as registerReviewUser } from './reviewUser';
import { register as registerSrWrite } from './srWrite';
import { register as registerSrRead } from './srRead';
import { register as registerExport } from './export';
import { register as registerDoseAt } from './doseAt';
import { register as registerDose } from './dose';
import { register as registerDoseRead } from './doseRead';
import { register as registerDvh } from './dvh';
import { register as registerIsodose } from './isodose';
import { register as registerSeeds } from './seeds';
import { register as registerRegister } from './register';
import { register as registerValidate } from './validate';
import { register as registerBoard } from './board';
import { register as registerPhase } from './phase';

export function registerCommands(program: Command): void {
  void program;
  registerAssess(program);
  registerCohort(program);
  registerAdjudicate(program);
  registerReviewStats(program);
  registerReviewUser(program);
  registerSrWrite(program);
  registerSrRead(program);
  registerExport(program);
  registerDoseAt(program);
  registerDose(program);
  registerDoseRead(program);
  registerDvh(program);
  registerIsodose(program);
  registerSeeds(program);
  registerRegister(program);
  registerValidate(program);
  registerBoard(program);
  registerPhase(program);
}
