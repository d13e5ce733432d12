export { createChatRepo, type ChatRepo } from './chat.repo';
export { createChatService, type ChatService, type ChatDeps } from './chat.service';
export { createChatHandlers } from './handlers';
export { estimateTokens, fitHistory } from './history-window';
export { crewTake, type ChatCrew, type CrewTake } from './chat-crew';
