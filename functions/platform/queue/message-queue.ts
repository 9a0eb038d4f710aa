/** Where accepted submissions wait for their consumer (SQS in both worlds). */
export interface MessageQueue<Message> {
  send(message: Message): Promise<void>;
}
