namespace Tiktok.Edge.Errors;

/// <summary>
/// Reading the request body failed because of what the client sent (cut short, bad multipart
/// structure, bad headers): raised by the body readers, so that an I/O error of our own (a full
/// disk while staging) is never mistaken for the client's.
/// </summary>
public sealed class MalformedBodyException(Exception inner)
    : Exception("the request body could not be read: " + inner.Message, inner);
