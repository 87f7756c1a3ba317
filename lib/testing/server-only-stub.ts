// Vitest runs outside Next, where "server-only" would throw; this stub lets services be unit-tested.
export {};
