/**
 * Kubernetes-style names: `fault-tolerance-test-<service>-<template hash>-<suffix>`, built from the
 * alphabet Kubernetes uses for generated names (no vowels, no look-alike characters).
 */
import { randomInt } from "node:crypto";

const ALPHABET = "bcdfghjklmnpqrstvwxz2456789";

export const DEPLOYMENT_NAME = "fault-tolerance-test";

export function randomSuffix(length: number): string {
  let s = "";
  for (let i = 0; i < length; i++) s += ALPHABET[randomInt(ALPHABET.length)];
  return s;
}

/** The ReplicaSet name of a service: one per deployment, shared by all its pods. */
export function replicaSetName(service: string): string {
  return `${DEPLOYMENT_NAME}-${service.toLowerCase()}-${randomSuffix(10)}`;
}

export function podName(replicaSet: string): string {
  return `${replicaSet}-${randomSuffix(5)}`;
}
