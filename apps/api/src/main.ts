import { NestFactory } from '@nestjs/core';
import { Module } from '@nestjs/common';
import { HELLO } from '@app/core';
@Module({})
class AppModule {}
async function main() {
  const app = await NestFactory.create(AppModule);
  await app.listen(3999);
  console.log(HELLO);
  await app.close();
}
void main();
