namespace Benchmark.Storage;

/// <summary>Storage could not be reached or answered with a server error; the caller may retry later.</summary>
public sealed class StorageUnavailableException(string message, Exception inner) : Exception(message, inner);

/// <summary>Somebody else changed the row first.</summary>
public sealed class ConcurrentChangeException(string message, Exception? inner = null) : Exception(message, inner);
