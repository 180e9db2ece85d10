// Worker entry that does nothing: a task on it makes the pool start a thread (see createPool).
export default function noop(): null {
  return null;
}
