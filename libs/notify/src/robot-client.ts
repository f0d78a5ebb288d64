import { robotResponseProblem } from './robot-message.js';

export const ROBOT_TIMEOUT_MS = 10_000;

/** A failed robot call, with the reason in Chinese (stored as the delivery's last error). */
export class RobotDeliveryError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'RobotDeliveryError';
  }
}

/** POSTs the JSON body; resolves when the robot accepted it, throws RobotDeliveryError otherwise. */
export async function postToRobot(
  url: string,
  payload: Record<string, unknown>,
  timeoutMs = ROBOT_TIMEOUT_MS,
): Promise<void> {
  let response: Response;
  let text: string;
  try {
    response = await fetch(url, {
      method: 'POST',
      headers: { 'content-type': 'application/json; charset=utf-8' },
      body: JSON.stringify(payload),
      signal: AbortSignal.timeout(timeoutMs),
      redirect: 'error',
    });
    text = await response.text();
  } catch (error) {
    const err = error as Error & { cause?: { code?: string; message?: string } };
    if (err.name === 'TimeoutError' || err.name === 'AbortError') {
      throw new RobotDeliveryError(`请求超时（${Math.round(timeoutMs / 1000)} 秒）`);
    }
    throw new RobotDeliveryError(`网络错误：${err.cause?.code ?? err.cause?.message ?? err.message}`);
  }
  const problem = robotResponseProblem(response.status, text);
  if (problem) throw new RobotDeliveryError(problem);
}
