import { InvalidArgumentError } from 'commander';

/** Commander parsers for numeric flags; a bad value is a usage error naming what is expected. */
export const parseFraction = (text: string): number => {
  const value = Number(text);
  if (text.trim() === '' || !(value >= 0 && value < 1)) throw new InvalidArgumentError('expected a number in [0, 1).');
  return value;
};

export const parseSeed = (text: string): number => {
  const value = Number(text);
  if (!/^\d+$/.test(text.trim()) || value > 0xffffffff)
    throw new InvalidArgumentError('expected a whole number in [0, 2^32).');
  return value;
};

export const parseCount = (text: string): number => {
  const value = Number(text);
  if (!/^\d+$/.test(text.trim()) || value < 1) throw new InvalidArgumentError('expected a whole number >= 1.');
  return value;
};
